"""Service pages shared by the three demo councils: plain, short sentences (the
well-built standard). Placeholders such as ``{council}`` are filled per council."""

from __future__ import annotations

from council_audit.demo.spec import PageSpec

BINS = (
    PageSpec(
        "/bins/",
        "Bins and recycling",
        summary="Collection days, missed bins, garden waste and what goes in each bin.",
        body="""
We collect your bins every week. Your green bin is for recycling. Your black bin is for
rubbish that cannot be recycled. Food waste goes in your small brown caddy.

Put your bins out by 7am on your collection day. Leave them at the edge of your
property. Make sure the lid is closed. We cannot take bins that are too heavy to move.

## What goes in each bin

- Green bin: paper, card, tins, cans, glass jars and plastic bottles
- Black bin: nappies, crisp packets, plastic film and broken toys
- Brown caddy: all cooked and raw food, including tea bags and bones

Please rinse tins and bottles before you put them in the green bin. Take lids off jars.
Do not put recycling in plastic bags.

## Bins and recycling services

{{children}}

## Larger items

We can collect up to three large items, such as a sofa or a fridge, for a fee. You can
also take them to the recycling centre in {town} for free.
""",
    ),
    PageSpec(
        "/bins/collection-days/",
        "Bin collection days",
        parent="/bins/",
        summary="Find out which day we collect your bins.",
        body="""
We collect bins on the same day each week. The day depends on which area you live in.
Recycling and rubbish are collected on different weeks. Food waste is collected every
week.

## Collection days by area

{{collection-table}}

Check the table to find your area and day. If you are not sure which area you live in,
look at the letter we sent you when you moved in. You can also call us.

## Bank holidays

Collections move by one day in the week after a bank holiday. For example, if your bin
is usually collected on a Monday, it will be collected on the Tuesday. There are no
changes over Easter.

## Christmas collections

Collection days change over Christmas and New Year. We will put the new dates on this
page in November. We will also put a sticker on your bin.

## If we did not collect your bin

Wait until the end of your collection day. Our crews work until 6pm. If your bin has
still not been emptied, you can [report a missed bin](/bins/missed-collection/).
""",
    ),
    PageSpec(
        "/bins/missed-collection/",
        "Report a missed bin collection",
        parent="/bins/",
        summary="Tell us if we did not empty your bin on your collection day.",
        body="""
You can tell us if we did not empty your bin. Please wait until 6pm on your collection
day before you report it. Our crews may still be on their way.

You need to report a missed bin within two working days. After that we will empty it
on your next collection day.

## Before you report it

Check that your bin was out by 7am. Check that the lid was closed. We cannot empty bins
with the wrong things in them. If this happened, we will have put a tag on the handle.

## Tell us about the missed bin

{{missed-bin-form}}

We will come back to empty your bin within two working days. You do not need to do
anything else. Leave your bin out until we have emptied it.
""",
    ),
    PageSpec(
        "/bins/garden-waste/",
        "Garden waste collections",
        parent="/bins/",
        summary="Pay for a brown bin for grass, leaves and hedge cuttings.",
        body="""
Garden waste collections are a paid service. You pay once a year. The service runs from
April to March. We collect your garden bin every two weeks.

It costs £48 a year for one bin. You can have up to three bins. Each extra bin costs
£48 too.

## What you can put in your garden bin

- grass cuttings and leaves
- hedge cuttings and small branches
- weeds and dead plants
- fruit that has fallen from trees

Do not put soil, stones, food or plastic bags in your garden bin. We will not empty it
if you do.

## How to sign up

You can sign up at any time of year. The price is the same whenever you join. We will
send your bin within ten working days. Your first collection will be on the next
garden waste day for your area.

Call us on {phone} to sign up. Have your bank card ready. You can also sign up in person
at the council offices.

## If you move house

Tell us if you move house. You can take your garden bin with you if you stay in the
area. We will change your collection day. If you leave the area, we will collect the bin.
""",
    ),
)

COUNCIL_TAX = (
    PageSpec(
        "/council-tax/",
        "Council tax",
        summary="Bands, discounts and how to pay your council tax.",
        body="""
Council tax pays for local services. These include bin collections, parks, libraries and
street lights. Most adults who live in a home must pay it.

You pay council tax to {council}. We share it with the police and the fire service.

## How much you pay

The amount depends on the band of your home. The band is set by the Valuation Office
Agency. It is based on what your home would have sold for in 1991.

You may pay less if you live alone, or if you are on a low income. You may not need to
pay at all if you are a student.

## Council tax services

{{children}}

## Our guide to council tax

You can read our short guide. It explains your bill line by line.

{{pdf-link}}

## If you are finding it hard to pay

Contact us as soon as you can. We can help you spread the cost. We can also check if you
can get a discount. The sooner you tell us, the more we can do to help.
""",
    ),
    PageSpec(
        "/council-tax/bands/",
        "Council tax bands and charges",
        parent="/council-tax/",
        summary="How much council tax each band pays this year.",
        body="""
Every home is in a band from A to H. Band A homes pay the least. Band H homes pay the
most. The table shows the full charge for a year.

## Charges for this year

{{bands-table}}

These charges include the parts we collect for the police and the fire service. Your
bill shows how your money is split.

## Find the band of your home

Your band is shown on your bill. You can also check it on the Valuation Office Agency
website. You will need your postcode.

## If you think your band is wrong

You can ask the Valuation Office Agency to check your band. This is free. You should
keep paying your bill while they check it. If your band goes down, we will pay back what
you paid too much.

Your band may go up if your home was made bigger. This only happens when the home is
sold.
""",
    ),
    PageSpec(
        "/council-tax/discounts/",
        "Council tax discounts and reductions",
        parent="/council-tax/",
        summary="Pay less if you live alone, are on a low income or are a student.",
        body="""
You may be able to pay less council tax. It depends on who lives in your home and how
much money you have.

## If you live alone

You get 25% off your bill if you are the only adult in your home. An adult is anyone
aged 18 or over. Tell us as soon as someone moves in or out.

## If you are on a low income

You may get help through Council Tax Reduction. You can get it if you work or if you do
not work. We look at your income, your savings and who lives with you. Apply as soon as
you can. We cannot always pay it for the time before you apply.

## Students

Homes where only full-time students live do not pay council tax. Send us a letter from
your college or university. It must show the dates of your course.

## People who are not counted

Some people are not counted when we work out your bill. These include carers, people
with a severe mental impairment and young people who have just left school.

## Tell us about a change

You must tell us within 21 days if something changes. For example, if someone moves in
with you. If you do not, you may have to pay a fine.
""",
    ),
    PageSpec(
        "/council-tax/pay/",
        "Pay your council tax",
        parent="/council-tax/",
        summary="Pay by Direct Debit, online, by phone or at a Post Office.",
        body="""
The easiest way to pay is by Direct Debit. The money leaves your bank account on the
same day each month. You will not forget to pay.

## Ways to pay

- Direct Debit on the 1st, 8th, 15th or 22nd of the month
- by debit card over the phone on {phone}
- at any Post Office with the barcode on your bill
- by bank transfer, using your account number as the reference

## Your account number

Your account number is on the top right of your bill. It has nine numbers. You need it
for every payment.

## Pay in 12 months instead of 10

Most people pay in ten parts, from April to January. You can ask to pay in twelve parts
instead. Each payment will then be smaller. Tell us before the end of April.

## If you miss a payment

We will send you a reminder. You must pay within seven days. If you do not, you may lose
the right to pay in parts. You would then have to pay the whole bill at once.

{{pay-form}}
""",
    ),
)

PARKING = (
    PageSpec(
        "/parking/",
        "Parking",
        summary="Permits, car parks and parking fines.",
        body="""
We run eleven car parks in {town}. Most are open all day, every day. You can pay by cash,
card or phone.

Parking is free after 6pm in all our car parks. It is also free on Sundays. Blue Badge
holders can park for free in any marked space.

## Parking services

{{children}}

## Car park charges

- up to 1 hour: £1.20
- up to 2 hours: £2.20
- up to 4 hours: £3.80
- all day: £6.00

## Electric car charging

There are charging points in four of our car parks. You pay for the charge with the app
on the charging point. You must still pay to park.

## Report a parking problem

Tell us if someone has parked on a yellow line, on a pavement or across a dropped kerb.
You can [report a problem](/report-a-problem/) online. We will send a parking officer
when we can.
""",
    ),
    PageSpec(
        "/parking/permits/",
        "Resident parking permits",
        parent="/parking/",
        summary="Apply for a permit to park in a permit zone near your home.",
        body="""
You need a permit to park in some streets near the town centre. These are called permit
zones. There is a sign at the start of each zone.

A permit lets you park in your zone at any time. It does not mean you will always find a
space.

## Who can get a permit

You can get a permit if you live in a permit zone. The car must be registered at your
address. Each home can have up to two permits.

## How much it costs

- first permit: £60 a year
- second permit: £90 a year
- visitor permits: £5 for a book of ten

## What you need to apply

- your address
- the number plate of your car
- proof that the car is registered to you at that address

We will check your details. Your permit will be ready within five working days. We send
permits by email. You do not need to put anything in your car window.

## If you change your car

Tell us the new number plate before you park in the zone. There is no charge to change it.
""",
    ),
    PageSpec(
        "/parking/fines/",
        "Parking fines",
        parent="/parking/",
        summary="Pay or challenge a Penalty Charge Notice.",
        body="""
You may get a parking fine if you park where you should not. The fine is called a
Penalty Charge Notice. Our parking officers put it on your car or send it by post.

## How much you must pay

The fine is £70 or £50. It depends on what you did wrong. You pay half if you pay within
14 days.

## How to pay

You can pay by card on {phone}. Have the number of the notice ready. It starts with two
letters.

## If you think the fine is wrong

You can challenge the fine. Tell us why you think it is wrong. Send us photos if you
have them. For example, a photo of a sign that was hard to see.

Challenge within 14 days. Then you can still pay the lower amount if we turn you down.
We will reply within 28 days.

## If we turn down your challenge

You can appeal to an independent adjudicator. We will tell you how to do this in our
letter. The adjudicator does not work for the council. Their decision is final.
""",
    ),
)

PLANNING = (
    PageSpec(
        "/planning/",
        "Planning",
        summary="Apply for planning permission or comment on an application.",
        body="""
You may need planning permission to build something new. You may also need it to change
a building or to change what it is used for.

You do not need permission for some small changes. These include most sheds and some
small extensions. Check before you start work.

## Planning services

{{children}}

## Get advice before you apply

We can look at your plans before you apply. We will tell you if they are likely to be
approved. This costs £90 for a home. It can save you time and money.

## How long it takes

We decide most house plans within eight weeks. Larger plans can take up to thirteen
weeks. We put every plan on our website so that people can see it.

## Building regulations

Building regulations are not the same as planning permission. They make sure your
building is safe. You may need both. Our building control team can tell you.
""",
    ),
    PageSpec(
        "/planning/apply/",
        "Apply for planning permission",
        parent="/planning/",
        summary="What you need to send us and how much it costs.",
        body="""
You can apply for planning permission online or by post. Most people apply online. It is
quicker and you can track your application.

## What you need

- a form that tells us what you want to do
- a plan that shows where the site is
- drawings of the building now and after the work
- the fee

## How much it costs

It costs £258 to apply to extend a house. Other fees depend on the size of the plan. You
do not pay a fee for some changes to make a home better for a disabled person.

## What happens next

We check that you have sent everything. Then we put a notice on or near the site. We
also write to your neighbours. They have 21 days to comment.

A planning officer will visit the site. They will then make a decision. We will write to
tell you what we have decided and why.

## If we refuse your application

You can change your plans and apply again. This is free if you apply within a year. You
can also appeal to the Planning Inspectorate.
""",
    ),
    PageSpec(
        "/planning/comment/",
        "Comment on a planning application",
        parent="/planning/",
        summary="Tell us what you think about a plan near you.",
        body="""
Anyone can comment on a planning application. You do not have to live next door. We read
every comment before we make a decision.

## What we can take into account

- how the building will look
- loss of light or privacy
- noise and smells
- road safety and parking
- harm to trees or wildlife

## What we cannot take into account

We cannot take into account the effect on the value of your home. We also cannot take
into account loss of a view or private matters, such as rights of way.

## How to comment

You need the reference number of the plan. It is on the notice near the site. Write to
us at the council offices, or email {email}. Give your name and address. We cannot use
comments that do not have them.

## When to comment

Send your comment within 21 days of the notice going up. We may still read later
comments if we have not yet made a decision.

Your comment will be shown on our website. We will not show your phone number or email.
""",
    ),
)
