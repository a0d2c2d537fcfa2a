"""Jargon-heavy versions of a few pages, for the ``complex-language`` barrier: long
sentences full of long words, as found on some real council pages. The links and
components of the plain version are kept, so the site stays navigable."""

from __future__ import annotations

PLANNING = """
The determination of applications for planning permission is undertaken by the local
planning authority in accordance with the statutory development plan, unless material
considerations indicate otherwise, having regard to the provisions of the Town and Country
Planning Act 1990, the Planning and Compulsory Purchase Act 2004 and associated secondary
legislation, together with national planning policy and supplementary planning documentation.

Prospective applicants are strongly encouraged to avail themselves of the authority's
chargeable pre-application advisory service, which facilitates the identification of
potential impediments to the favourable determination of their proposal, including
considerations relating to heritage assets, environmental designations, highway
infrastructure capacity and residential amenity, prior to formal submission.

Applications which are deemed invalid on receipt, by reason of the omission of mandatory
documentation or the non-payment of the appropriate statutory fee, cannot be registered,
and consequently the prescribed determination period will not commence until such time
as all outstanding deficiencies have been satisfactorily remedied by the applicant.

Representations submitted by interested parties during the statutory consultation period
will be taken into consideration insofar as they relate to material planning
considerations, notwithstanding that matters such as the diminution of property values,
private covenants and competition between commercial operators are not considered
material to the determination of applications.

{{children}}
"""

COUNCIL_TAX = """
Council tax constitutes a statutory levy administered by the billing authority in respect
of domestic dwellings within its administrative area, the liability for which is
determined with reference to the valuation banding allocated by the Valuation Office
Agency, the occupational circumstances of the residents and any applicable statutory
exemptions, disregards or discretionary reductions.

The annual liability is apportioned into instalments in accordance with the statutory
instalment scheme, and any failure to discharge instalments by the prescribed dates may
precipitate the issuing of a reminder notice, subsequent to which continued non-payment
will result in the entirety of the outstanding annual balance becoming immediately
recoverable through enforcement proceedings in the magistrates' court.

Notwithstanding the aforementioned arrangements, taxpayers experiencing demonstrable
financial hardship are encouraged to communicate with the revenues administration at the
earliest opportunity, in order that consideration may be given to the rescheduling of
instalments or the application of discretionary relief in appropriate circumstances.

{{pdf-link}}

{{children}}
"""

DISCOUNTS = """
Entitlement to a reduction in council tax liability is contingent upon the satisfaction
of the qualifying criteria stipulated in the relevant legislation, including the single
person discount, which is applicable where only one adult, disregarding individuals who
satisfy the statutory definitions of disregarded persons, is solely or mainly resident
in the dwelling.

Applications for the council tax reduction scheme are assessed with reference to the
household's aggregate income, capital and circumstances, and claimants are obligated to
notify the authority of any subsequent alterations in circumstances which might reasonably
be considered to affect their continuing entitlement, failing which any resultant
overpayment will be recoverable.

Exemptions are additionally available in respect of dwellings which are unoccupied by
reason of the occupier's residence in a hospital, care establishment or similar
institution, or which are occupied exclusively by full-time students, subject to the
provision of satisfactory documentary evidence substantiating the eligibility of the
residents concerned.

Where the authority subsequently determines that a discount has been incorrectly
awarded, whether consequent upon inaccurate information or an unnotified alteration in
circumstances, the liability will be recalculated retrospectively and a revised demand
notice issued, and the authority reserves the right to impose a civil penalty.
"""

GENERIC = """
In accordance with the authority's statutory obligations and corporate governance
framework, the provision of this service is subject to periodic evaluation, and
residents are advised that eligibility determinations, prioritisation methodologies and
associated administrative procedures may be amended without prior notification
consequent upon budgetary considerations.
"""

COMPLEX = {
    "/planning/": PLANNING,
    "/council-tax/": COUNCIL_TAX,
    "/council-tax/discounts/": DISCOUNTS,
}


def complex_body(path: str, plain: str) -> str:
    """The jargon version of the page at ``path``; for other pages, a jargon paragraph
    put in front of the plain text."""
    return COMPLEX.get(path) or GENERIC + "\n\n" + plain
