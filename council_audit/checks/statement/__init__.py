"""Checks of a council's accessibility statement, against the Public Sector Bodies
(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 and GDS's
model statement. Each check's ``evaluate`` takes a
:class:`~council_audit.statements.view.StatementView`."""

SUBJECT = "statement"
