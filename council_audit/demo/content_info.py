"""The home page, search, news, contact, policy pages, the Welsh page, a page found only
through the sitemap and a staff page that robots.txt keeps crawlers out of."""

from __future__ import annotations

from council_audit.demo.spec import PageSpec

HOME = PageSpec(
    "/",
    "Council services and information",
    parent=None,
    heading="{council}",
    body="""
Find out about local services, pay for things and report problems. Most things can be
done online, at any time of day.

## Popular services

{{services}}

## Latest news

{{latest-news}}

## Need help?

Call us on {phone}, Monday to Friday, 9am to 5pm. You can also [contact us](/contact/)
by email or visit the council offices in {town}.
""",
)

SEARCH = (
    PageSpec(
        "/search/",
        "Search this website",
        summary="Search for a page or a service.",
        body="""
Type what you are looking for. For example, "bins" or "parking permit".

{{search-form}}

You can also [see our most popular pages](/search/results/).
""",
    ),
    PageSpec(
        "/search/results/",
        "Search results",
        parent="/search/",
        summary="Pages that match your search.",
        body="""
{{search-results}}

Cannot find what you need? [Contact us](/contact/) and we will help.
""",
    ),
)

NEWS = (
    PageSpec(
        "/news/",
        "News",
        summary="The latest news from the council.",
        body="""
Read the latest news about council services in {short}.

{{news-list}}

For media enquiries, email {email}.
""",
    ),
    PageSpec(
        "/news/new-recycling-centre-opens/",
        "New recycling centre opens in {town}",
        parent="/news/",
        summary="2 June 2025. The new centre takes more types of waste than before.",
        body="""
**Published 2 June 2025**

A new recycling centre has opened on Mill Road in {town}. It replaces the old site on
Station Road, which has now closed.

The new centre is bigger. It has more space to park. You can now drive up to every
container, so you do not need to carry things far.

You can recycle more things than before. These include mattresses, carpets and hard
plastics such as garden chairs.

## Opening hours

The centre is open every day from 8am to 6pm in summer. In winter it closes at 4pm. It is
closed on Christmas Day, Boxing Day and New Year's Day.

## Booking a visit

You do not need to book if you come by car. Book a slot if you come in a van or with a
trailer. This helps to keep queues short.

Find out more about [bins and recycling](/bins-and-recycling.html).
""",
    ),
    PageSpec(
        "/news/council-tax-2025/",
        "Council tax for 2025 to 2026 agreed",
        parent="/news/",
        summary="20 February 2025. Bills will go up by 4.99% from April.",
        body="""
**Published 20 February 2025**

Councillors have agreed the council tax for next year. Bills will go up by 4.99% from
April. For most homes, this is about £1.80 a week more.

The extra money will pay for care for older and disabled people. It will also help to
keep our six libraries open.

Bills will arrive in March. If you pay by Direct Debit, you do not need to do anything.
Your new payments will start in April.

If you are worried about paying, please contact us. You may be able to get help. Read
about [council tax discounts](/council-tax/discounts/).
""",
    ),
    PageSpec(
        "/news/summer-reading-challenge/",
        "Summer Reading Challenge starts in July",
        parent="/news/",
        summary="5 July 2025. Children can read six books over the holidays and win a medal.",
        body="""
**Published 5 July 2025**

The Summer Reading Challenge is back at all our libraries. It is free for children aged
4 to 11.

Children read six library books over the summer holidays. They collect stickers for each
book. Everyone who finishes gets a medal and a certificate.

## How to join

Ask at any library. Your child will need a library card. If they do not have one, we can
give them one on the day.

## Events over the summer

We will run free craft sessions and story times in every library. See the posters in
your library for dates. There is no need to book.

[Find your nearest library](/libraries/find/).
""",
    ),
    PageSpec(
        "/news/road-resurfacing-programme/",
        "Roads to be resurfaced this autumn",
        parent="/news/",
        summary="1 September 2025. Work on twelve roads starts on 15 September.",
        body="""
**Published 1 September 2025**

We will resurface twelve roads this autumn. Work starts on 15 September and should end
before Christmas.

Each road will be closed while we work on it. Most roads will be closed for two or three
days. We will put up signs a week before the work starts. We will also write to people
who live on each road.

We chose the roads with the most potholes and the most reports from residents. Thank you
to everyone who told us about problems.

You can [report a pothole](/report-a-problem/) at any time.
""",
    ),
)

CONTACT = PageSpec(
    "/contact/",
    "Contact us",
    summary="Phone, email or visit us.",
    body="""
The quickest way to get help is online. You can [report a problem](/report-a-problem/),
pay your [council tax](/council-tax/) or check your [bin day](/bins/collection-days/) at
any time.

## Phone

Call {phone}. Our phone lines are open Monday to Friday, 9am to 5pm. They are busiest on
Monday mornings.

If you are deaf or find it hard to speak, you can use Relay UK. Dial 18001 and then our
number.

## Email

Email {email}. We will reply within five working days.

## Visit us

{{address}}

The council offices are open Monday to Friday, 9am to 5pm. There is step-free access
from the car park. We have a hearing loop at the main desk.

## For staff

[Staff intranet](/private/staff-intranet/) (staff only).
""",
)

ACCESSIBILITY = PageSpec(
    "/accessibility/",
    "Accessibility statement",
    summary="How easy this website is to use and how to tell us about a problem.",
    body="""
{{accessibility-statement}}
""",
)

PRIVACY = PageSpec(
    "/privacy/",
    "Privacy notice",
    summary="How we use your personal details.",
    body="""
This page tells you how we use your details. We only ask for what we need to give you a
service.

## What we keep

We keep your name and how to contact you when you ask us for a service. For some
services we need to know more. For example, we need to know your income to work out
your benefit.

## How we use it

We use your details to give you the service you asked for. We may also use them to stop
fraud. We never sell your details.

## Who we share it with

We only share your details when the law allows it. For example, we may share them with
the police to stop crime.

## Your rights

You can ask to see the details we hold about you. You can also ask us to put them right.
Email {email}.
""",
)

CYMRAEG = PageSpec(
    "/cymraeg/",
    "Gwybodaeth yn Gymraeg",
    lang="cy",
    summary="Gwybodaeth am ein gwasanaethau yn Gymraeg.",
    body="""
Mae'r cyngor yn falch o gynnig gwybodaeth yn Gymraeg. Mae llawer o bobl yn yr ardal yn
siarad Cymraeg gartref ac yn y gwaith.

Gallwch chi ffonio neu ysgrifennu atom yn Gymraeg. Byddwn yn ateb yn Gymraeg hefyd. Ni
fydd hyn yn arafach nag ateb yn Saesneg.

## Ein gwasanaethau

- casglu biniau ac ailgylchu bob wythnos
- treth y cyngor a'r gostyngiadau sydd ar gael
- llyfrgelloedd am ddim i bawb yn yr ardal
- parcio a thrwyddedau parcio i drigolion

## Cysylltu â ni

- ffoniwch ni ar {phone} rhwng naw y bore a phump y prynhawn
- anfonwch e-bost at {email} ac fe gewch chi ateb o fewn pum diwrnod
- dewch i'n gweld yn swyddfa'r cyngor yn {town}
""",
)

LOCAL_PLAN = PageSpec(
    "/consultations/local-plan-2040/",
    "Local Plan 2040 consultation",
    sitemap_only=True,
    summary="Have your say on where new homes and jobs should go.",
    body="""
We are writing a new Local Plan. It will guide where new homes, shops and jobs go until
2040. We want to know what you think.

## What the plan covers

- how many new homes we need and where they should go
- land for new jobs and businesses
- parks, green spaces and places to play
- roads, cycle paths and buses

## How to have your say

Email your comments to {email}. You can also write to us at the council offices. Tell us
which part of the plan you are commenting on.

The consultation closes on 30 November 2025. We will read every comment. We will publish
a summary of what people told us in the new year.

## Drop-in events

Come and talk to our planning team. We will hold drop-in events at the central library
every Saturday in November, from 10am to 1pm. You do not need to book.
""",
)

STAFF = PageSpec(
    "/private/staff-intranet/",
    "Staff intranet",
    parent="/contact/",
    disallowed=True,
    in_sitemap=False,
    summary="For council staff only.",
    body="""
This part of the website is for council staff. Please sign in with your staff account.

If you are a member of the public, go back to the [home page](/).
""",
)

INFO = (HOME, *SEARCH, *NEWS, CONTACT, ACCESSIBILITY, PRIVACY, CYMRAEG, LOCAL_PLAN, STAFF)
