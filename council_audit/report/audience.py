"""Who a problem affects, in plain words: by WCAG guideline (the first two parts of a
success criterion's number), else by the check's topic."""

from __future__ import annotations

from collections.abc import Iterable

BY_GUIDELINE = {
    "1.1": "Blind and partially sighted people who use screen readers: they hear the "
    "text alternative instead of seeing the image or control, and get nothing if it is missing.",
    "1.2": "Deaf and hard of hearing people, who need captions and transcripts, and blind "
    "people, who need audio description of what is shown.",
    "1.3": "People who use screen readers and other assistive technology, which rely on the "
    "page's structure (headings, lists, labels, tables) to make sense of it.",
    "1.4": "People with low vision or colour blindness, and anyone using a screen in bright "
    "light: they need enough contrast, and text that can be enlarged.",
    "2.1": "People who cannot use a mouse, such as people with motor impairments, and "
    "screen reader users, who move through pages with a keyboard.",
    "2.2": "People who read or type slowly, including people with cognitive or motor "
    "impairments, who need enough time.",
    "2.3": "People with photosensitive epilepsy or vestibular disorders, for whom flashing "
    "or moving content can be dangerous.",
    "2.4": "Screen reader and keyboard users, who find their way by page titles, headings, "
    "links and landmarks, and people with cognitive impairments who need clear signposts.",
    "2.5": "People with motor impairments or tremors, and people using touch screens or "
    "voice control, who need large targets and controls named as they appear.",
    "3.1": "People with learning disabilities or low literacy, people reading in a second "
    "language, and screen reader users, whose software needs the page's language to "
    "pronounce words correctly.",
    "3.2": "People with cognitive impairments and screen reader users, who are disoriented "
    "when pages change unexpectedly or behave inconsistently.",
    "3.3": "Anyone filling in a form, especially people with cognitive impairments and "
    "screen reader users, who need clear labels, instructions and error messages.",
    "4.1": "People who use screen readers, voice control and other assistive technology, "
    "which need every control to have a name, role and state they can read.",
}
BY_TOPIC = {  # axe-core's cat.* tags and our own check groups
    "cat.text-alternatives": "1.1",
    "cat.time-and-media": "1.2",
    "cat.structure": "1.3",
    "cat.tables": "1.3",
    "cat.semantics": "1.3",
    "cat.color": "1.4",
    "cat.sensory-and-visual-cues": "1.4",
    "cat.keyboard": "2.1",
    "cat.forms": "3.3",
    "cat.language": "3.1",
    "cat.aria": "4.1",
    "cat.name-role-value": "4.1",
    "cat.parsing": "4.1",
    "images": "1.1",
    "structure": "1.3",
    "page": "2.4",
    "links": "2.4",
    "language": "3.1",
    "forms": "3.3",
}
EVERYONE = (
    "People who use assistive technology such as screen readers, and anyone who relies on "
    "pages that are consistent and well structured."
)


def who_it_affects(wcag: Iterable[str], topics: Iterable[str] = ()) -> str:
    """The plain-words audience of a problem with these success criteria and topics
    (axe-core tags such as ``cat.forms``, or our check group such as ``language``)."""
    for sc in wcag:
        guideline = ".".join(sc.split(".")[:2])
        if guideline in BY_GUIDELINE:
            return BY_GUIDELINE[guideline]
    for topic in topics:
        if topic in BY_TOPIC:
            return BY_GUIDELINE[BY_TOPIC[topic]]
    return EVERYONE
