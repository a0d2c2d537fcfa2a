"""Service pages about people and places: housing, benefits, Blue Badges, schools,
libraries and reporting problems."""

from __future__ import annotations

from council_audit.demo.spec import PageSpec

HOUSING = (
    PageSpec(
        "/housing/",
        "Housing",
        summary="Council homes, repairs and help if you are homeless.",
        body="""
We can help you find a home you can afford. We work with housing associations in
{short}. Together we have about 8,000 homes to rent.

## Join the housing register

You need to join the housing register to rent a council home. We will ask about your
home now, your health and your income. We then put you in a band. People in Band 1 have
the most need.

There are more people on the register than there are homes. Most people wait more than
a year. Some people wait much longer.

## Housing services

{{children}}

## Repairs

Report repairs to your landlord. If you rent from a housing association, call them. If
your landlord will not fix something that makes your home unsafe, tell us. We can make
them do the work.

## Help to stay in your home

Talk to us if you are worried about paying your rent. We may be able to help with money
or advice. We can also talk to your landlord for you.
""",
    ),
    PageSpec(
        "/housing/homelessness/",
        "Help if you are homeless",
        parent="/housing/",
        summary="What to do if you have nowhere to stay tonight or may lose your home.",
        body="""
Contact us straight away if you have nowhere safe to stay tonight. We can help. Call
{phone}. Out of office hours, call the same number and choose option 2.

## If you may lose your home

Contact us as soon as you get a notice from your landlord. Do not wait until you have to
leave. The sooner you talk to us, the more we can do.

We may be able to stop you losing your home. We can talk to your landlord. We can help
you with rent you owe. We can also help you find somewhere else to live.

## What we will ask you

- where you are living now
- why you have to leave
- who lives with you
- your income and savings

## If you are sleeping on the street

Tell us where you are. Our outreach team will come and find you. They can help you find
a bed for the night. They can also help you see a doctor.

## If you are not safe at home

If you are in danger now, call 999. You do not have to stay in a home where you are not
safe. We will help you find somewhere safe to stay.
""",
    ),
)

BENEFITS = (
    PageSpec(
        "/benefits/",
        "Benefits and financial help",
        summary="Housing Benefit, Council Tax Reduction and other help with money.",
        body="""
We can help if you are on a low income. We pay Housing Benefit to some people. We also
give Council Tax Reduction.

Most people of working age now get help with rent through Universal Credit. The
Department for Work and Pensions pays Universal Credit, not the council.

## Benefits we pay

{{children}}

## Other help with money

- free school meals for children in families on low incomes
- help with the cost of a funeral
- grants for household items, such as a cooker or a bed

## Free advice

Citizens Advice can check that you get all the money you should. Their advice is free. It
is also private. They can help you fill in forms.

## If your money is running out

Tell us if you cannot buy food or pay for heating. We may be able to give you a voucher
for the food bank. We can also help you with your bills.
""",
    ),
    PageSpec(
        "/benefits/housing-benefit/",
        "Housing Benefit",
        parent="/benefits/",
        summary="Help to pay your rent if you are over pension age or live in supported housing.",
        body="""
Housing Benefit helps you pay your rent. You can only make a new claim if you are over
State Pension age, or if you live in supported housing. Most other people should claim
Universal Credit.

## Who can get it

You must pay rent and have a low income. You can get it if you rent from a private
landlord, the council or a housing association. You cannot usually get it if you have
more than £16,000 in savings.

## How much you get

It depends on your income, your savings and who lives with you. If you rent from a
private landlord, it also depends on the size of your home.

## How to claim

Call us on {phone} and we will send you a form. Send it back with proof of your income
and your rent. We will tell you our decision within 14 days of getting everything.

## How we pay

We pay every two weeks. We can pay you, or we can pay your landlord. We usually pay you.

## Tell us about changes

You must tell us if your income or rent changes. You must also tell us if someone moves
in or out. If you do not, you may have to pay money back.
""",
    ),
)

BLUE_BADGE = PageSpec(
    "/blue-badge/",
    "Blue Badges",
    summary="Apply for a Blue Badge to park closer to where you need to go.",
    body="""
A Blue Badge helps disabled people park closer to where they need to go. You can use it
if you are the driver or a passenger.

## Who can get a Blue Badge

You can get a badge without more questions if you get some benefits. These include the
higher rate of the mobility part of Disability Living Allowance. They also include 8
points or more in the moving around part of Personal Independence Payment.

You may also get a badge if you find it very hard to walk, or if you have a hidden
condition. Children under 3 with some medical needs can also get one.

## How to apply

You apply on GOV.UK. You will need:

- a recent digital photo of your face
- your National Insurance number
- proof of where you live
- proof of your benefits, if you get them

## How much it costs

A Blue Badge costs £10. You only pay if we agree to give you a badge. It lasts for up to
three years.

## Using your badge

Only use the badge when the badge holder is in the car. Put it on the dashboard. Do not
lend it to anyone. You could get a fine of up to £1,000 if you use it when the badge
holder is not there.
""",
)

SCHOOLS = (
    PageSpec(
        "/schools/",
        "School admissions",
        summary="Apply for a place at a primary or secondary school.",
        body="""
You must apply for a school place for your child. You apply to the council where you
live. This is true even if the school is in another area.

## When to apply

- primary school: apply by 15 January in the year your child turns 5
- secondary school: apply by 31 October in the year your child turns 11
- moving school during the year: apply at any time

## School admissions services

{{children}}

## How we give out places

Each school has rules about who gets a place first. We call them admission rules. Most
schools give places first to children in care. Then they give places to children with a
brother or sister at the school. Then they look at how far you live from the school.

## Help with school travel

Your child may get free travel to school. It depends on how far away the school is. It
also depends on your income and your child's needs.

## If you do not get the school you want

You can appeal. An independent panel will hear your appeal. You can also ask for your
child to go on the waiting list.
""",
    ),
    PageSpec(
        "/schools/apply/",
        "Apply for a primary school place",
        parent="/schools/",
        summary="How to apply for a place in reception class.",
        body="""
Your child can start school in the September after they turn 4. Apply by 15 January.
We will tell you the result on 16 April.

## Before you apply

Visit the schools if you can. Most schools have open days in the autumn. Read each
school's admission rules. Check how far you live from each school.

## How to apply

You can choose up to three schools. Put them in the order you like them best. We will
try to give your child a place at the school you like best.

List three schools, not just one. If we cannot give your child a place at any of your
schools, we will offer a place at the nearest school with space.

## After you apply

We will send you an email on 16 April. It will tell you which school your child can go
to. You must accept or refuse the place within two weeks.

## If you apply late

We will look at late forms after all the forms that came in on time. This means it is
less likely your child will get a place at the school you like best.

## Children with an education plan

If your child has an Education, Health and Care plan, talk to your case worker. They
will help you choose a school.
""",
    ),
)

LIBRARIES = (
    PageSpec(
        "/libraries/",
        "Libraries",
        summary="Join the library, borrow books and use our computers.",
        body="""
Our six libraries are free to join and free to use. You can borrow books, audiobooks and
DVDs. You can also use our computers and free wifi.

## Join the library

Bring proof of your address to any library. We will give you a card straight away.
Children can join too. Their parent or carer needs to sign the form.

## Library services

{{children}}

## Borrowing

You can borrow up to 15 items for three weeks. You can renew them twice, by phone or at
any library. We do not charge fines on children's books.

## Computers and wifi

You can use a computer for free for up to two hours a day. You need your library card to
log in. Our staff can help you get started. Printing costs 10p a page.

## Things to do

We run story times for young children every week. We also run reading groups, family
history help and computer classes. Most events are free.
""",
    ),
    PageSpec(
        "/libraries/find/",
        "Find a library",
        parent="/libraries/",
        summary="Addresses and opening hours of our libraries.",
        body="""
We have six libraries. The central library is the biggest. It is open six days a week.

{{library-map}}

## Opening hours

- Central Library, Market Street: Monday to Saturday, 9am to 6pm
- North Library, Park Road: Tuesday, Thursday and Saturday, 9am to 1pm
- South Library, Hill Lane: Monday, Wednesday and Friday, 10am to 5pm
- East Library, Station Road: Tuesday to Friday, 10am to 4pm
- West Library, Mill Street: Wednesday and Saturday, 9am to 1pm
- Mobile Library: see the timetable at any library

## Getting there

All our libraries have step-free access. The central library has a lift to every floor.
There is a disabled toilet at the central, north and south libraries.

Our libraries are on bus routes. The central library is a five-minute walk from the bus
station.
""",
    ),
    PageSpec(
        "/maps/libraries/",
        "Map of libraries",
        parent="/libraries/find/",
        summary="A map showing where our libraries are.",
        body="""
{{map-image}}

The map shows our six libraries. The mobile library stops are not shown.
""",
    ),
)

REPORT = (
    PageSpec(
        "/report-a-problem/",
        "Report a problem",
        summary="Tell us about potholes, fly-tipping, graffiti or broken street lights.",
        body="""
Use this form to tell us about a problem in a street or public place. It takes about
five minutes.

If someone is in danger, call 999. Do not use this form.

{{report-form}}

## What happens next

We will send you an email with a reference number. We aim to fix most problems within
ten working days. We fix dangerous problems within 24 hours.

[What happens after you send a report](/report-a-problem/sent/)
""",
    ),
    PageSpec(
        "/report-a-problem/sent/",
        "Report sent",
        parent="/report-a-problem/",
        summary="What happens after you report a problem.",
        body="""
Thank you for your report. We have sent you an email with a reference number. Keep it
safe. You will need it if you contact us about the problem.

## What happens next

1. We check your report within two working days.
2. We send someone to look at the problem.
3. We fix it, or we tell you who can.

You can [report another problem](/report-a-problem/) if you need to.
""",
    ),
)
