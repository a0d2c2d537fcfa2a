"""Plain-language reference data: the GOV.UK style guide's words to avoid, wordy phrases
with their plain alternatives, Latin abbreviations, and acronyms everyone knows.

Words with an everyday sense that a pattern cannot tell apart from the jargon sense are
left out on purpose (agenda, advance, commit, foster, key, land, promote): a false alarm
costs more trust than a missed suggestion. Where a word is jargon in one grammatical use
only (impact, progress, deliver), the pattern matches that use alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PlainWord:
    key: str  # the word or phrase, as reported
    pattern: str  # regular expression, matched case-insensitively between word boundaries
    advice: str  # the plain alternative, or what to do instead
    kind: str  # "avoid" (GOV.UK words to avoid) or "wordy" (a plain word says it better)
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = re.compile(rf"\b(?:{self.pattern})\b", re.IGNORECASE)
        object.__setattr__(self, "regex", compiled)


def _avoid(key: str, pattern: str, advice: str) -> PlainWord:
    return PlainWord(key, pattern, advice, "avoid")


def _wordy(key: str, pattern: str, advice: str) -> PlainWord:
    return PlainWord(key, pattern, advice, "wordy")


SAY_WHAT = "say what you are actually doing"
WORDS_TO_AVOID: tuple[PlainWord, ...] = (
    _avoid("collaborate", r"collaborat(?:e|es|ed|ing)", "'work with'"),
    _avoid("combat", r"combat(?:s|ed|ing|ting)?", "'stop', 'reduce' or 'prevent'"),
    _avoid("countering", r"countering", "'stopping' or 'preventing'"),
    _avoid("pledge", r"pledg(?:e|es|ed|ing)", "say what you will do"),
    _avoid(
        "deliver",
        r"deliver(?:s|ed|ing)?\s+(?:(?:the|our|these|its|their|key|real|better|further)\s+)?"
        r"(?:improvements?|priorities|outcomes?|objectives?|strateg(?:y|ies)|vision|value"
        r"|savings|benefits|transformation|change|ambitions?)",
        "say what you will actually do (pizzas, post and services are delivered, not improvements)",
    ),
    _avoid("deploy", r"deploy(?:s|ed|ing)?", "'use' or 'put into place'"),
    _avoid("dialogue", r"dialogue", "'talk', 'discussion' or 'we spoke to people'"),
    _avoid("disincentivise", r"disincentivi[sz](?:e|es|ed|ing)", "'discourage'"),
    _avoid("incentivise", r"incentivi[sz](?:e|es|ed|ing)", "'encourage'"),
    _avoid("empower", r"empower(?:s|ed|ing|ment)?", "'allow' or 'give permission'"),
    _avoid("facilitate", r"facilitat(?:e|es|ed|ing)", SAY_WHAT),
    _avoid("focus on", r"focus(?:es|ed|ing|sed|sing)?\s+on", "'work on' or 'concentrate on'"),
    _avoid("going forward", r"(?:going|moving)\s+forward", "'from now on' or 'in future'"),
    _avoid("drive forward", r"driv(?:e|es|ing)\s+forward", SAY_WHAT),
    _avoid(
        "impact",
        r"impacted|impacting|(?:will|would|may|might|could|can|to|does|not|negatively"
        r"|adversely)\s+impact(?!\s+(?:on|of|assessment))",
        "'affect' or 'change' (keep 'impact' for the noun)",
    ),
    _avoid("initiate", r"initiat(?:e|es|ed|ing)", "'start' or 'begin'"),
    _avoid("leverage", r"leverag(?:e|es|ed|ing)", "'use' or 'take advantage of'"),
    _avoid("liaise", r"liais(?:e|es|ed|ing)", "'work with' or 'talk to'"),
    _avoid("one-stop shop", r"one[\s-]stop[\s-]shop", "say what the service does"),
    _avoid("overarching", r"over-?arching", "'main' or 'general', or leave it out"),
    _avoid(
        "progress",
        r"(?:will|to|we|can|cannot|could|would|then)\s+progress\s+(?:your|the|this|our|with|it)",
        "'continue', 'move on' or 'deal with' (keep 'progress' for the noun)",
    ),
    _avoid("ring-fenced", r"ring[\s-]?fenc(?:e|ed|ing)", "'kept for' or 'only for'"),
    _avoid("robust", r"robust(?:ly|ness)?", "'strong', 'thorough' or 'well thought out'"),
    _avoid("slimming down", r"slimm(?:ing|ed)\s+down", "'making smaller' or 'reducing'"),
    _avoid("streamline", r"streamlin(?:e|es|ed|ing)", "'simplify' or 'make quicker'"),
    _avoid("strengthening", r"strengthening", "say how you are making it better"),
    _avoid("tackle", r"tackl(?:e|es|ed|ing)", "'stop', 'solve' or 'deal with'"),
    _avoid("transforming", r"transforming", "say how you are changing it"),
    _avoid("utilise", r"utili[sz](?:e|es|ed|ing|ation)", "'use'"),
)

WORDY_PHRASES: tuple[PlainWord, ...] = (
    _wordy("in order to", r"in\s+order\s+to", "'to'"),
    _wordy("prior to", r"prior\s+to", "'before'"),
    _wordy("in the event of", r"in\s+the\s+event\s+(?:of|that)", "'if'"),
    _wordy("commence", r"commenc(?:e|es|ed|ing|ement)", "'start'"),
    _wordy("purchase", r"purchas(?:e|es|ed|ing)", "'buy'"),
    _wordy("assist", r"assist(?:s|ing)?", "'help'"),
    _wordy("regarding", r"regarding", "'about'"),
    _wordy("in relation to", r"in\s+relation\s+to", "'about'"),
    _wordy("with regard to", r"with\s+regards?\s+to", "'about'"),
    _wordy("in respect of", r"in\s+respect\s+of", "'about' or 'for'"),
    _wordy("in accordance with", r"in\s+accordance\s+with", "'under' or 'following'"),
    _wordy("at this point in time", r"at\s+this\s+point\s+in\s+time", "'now'"),
    _wordy("at the present time", r"at\s+the\s+present\s+time|at\s+present", "'now'"),
    _wordy("due to the fact that", r"due\s+to\s+the\s+fact\s+that", "'because'"),
    _wordy("in the vicinity of", r"in\s+the\s+vicinity\s+of", "'near'"),
    _wordy("in excess of", r"in\s+excess\s+of", "'more than'"),
    _wordy("in conjunction with", r"in\s+conjunction\s+with", "'with'"),
    _wordy(
        "on a regular basis",
        r"on\s+an?\s+(?:daily|weekly|monthly|yearly|annual|regular)\s+basis",
        "'daily', 'weekly' or 'regularly'",
    ),  # fmt: skip
    _wordy("a large number of", r"a\s+large\s+number\s+of", "'many'"),
    _wordy("obtain", r"obtain(?:s|ed|ing)?", "'get'"),
    _wordy("approximately", r"approximately", "'about'"),
    _wordy("sufficient", r"sufficient", "'enough'"),
    _wordy("additional", r"additional", "'extra' or 'more'"),
    _wordy("require", r"requires?", "'need'"),
    _wordy("ensure", r"ensur(?:e|es|ing)", "'make sure'"),
    _wordy("endeavour", r"endeavou?r(?:s|ed|ing)?", "'try'"),
    _wordy("terminate", r"terminat(?:e|es|ed|ing)", "'end' or 'stop'"),
    _wordy("notify", r"notif(?:y|ies|ied|ying)", "'tell'"),
    _wordy("enquire", r"enquir(?:e|es|ed|ing)", "'ask'"),
    _wordy("reside", r"resid(?:e|es|ing)", "'live'"),
    _wordy("subsequently", r"subsequently", "'later' or 'then'"),
    _wordy("thereafter", r"thereafter", "'after that'"),
    _wordy("whilst", r"whilst", "'while'"),
)

PLAIN_WORDS: tuple[PlainWord, ...] = WORDS_TO_AVOID + WORDY_PHRASES

# Latin abbreviations -> (the plain words, pattern). Lower-case "ie" and "eg" only: "IE"
# is a browser and "EG" a postcode area.
LATIN_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "eg": ("for example", r"(?<![\w.])(?:[Ee]\.\s?g\.?|eg)(?![\w])"),
    "ie": ("that is", r"(?<![\w.])(?:[Ii]\.\s?e\.?|ie)(?![\w])"),
    "etc": ("and so on", r"(?<![\w.])(?:etc|ETC|Etc)\.?(?![\w])"),
}

# Acronyms most people in the UK know without an expansion.
KNOWN_ACRONYMS = frozenset(
    """UK GB US USA EU UN BBC ITV NHS GP GPS MP MPS PDF PDFS URL URLS WWW TV OK AM PM FAQ FAQS
    ID VAT MOT DVLA DIY CV CVS PC IT PIN SMS ATM CCTV DVD CD QR LED HGV CEO COVID ASAP RSVP
    BST GMT UTC KB MB GB TB CSV DOC DOCX XLS XLSX ODT ODS RTF PPT PPTX HTML JPG JPEG PNG PO
    WC ISBN MR MRS MS DR ST UCAS GCSE GCSES DNA HIV AIDS HM AA AAA""".split()
)

# Short words written in capitals for emphasis, not acronyms.
SHOUTED_WORDS = frozenset(
    """NEW FREE NOTE NB HELP NOW ONLY NOT AND THE YOU ALL OUT OFF STOP OPEN SALE NO YES OR
    TO OF IN ON AT BY FOR OUR YOUR MUST WILL DO DONT CAN WE IS ARE BE THIS THAT AN AS
    MORE READ HERE HOME MENU CLOSE BACK NEXT""".split()
)

# Past participles that do not end in -ed, for spotting the passive voice.
IRREGULAR_PARTICIPLES = frozenset(
    """arisen awoken beaten become begun bent bitten blown born borne bought bound broken
    brought built burnt caught chosen come cut dealt done drawn dreamt driven drunk dug eaten
    fallen fed felt fought found flown forbidden forgiven forgotten frozen given gone ground
    grown heard held hidden hit hung hurt kept knelt known laid led learnt left lent lit
    lost made meant met misled mistaken overseen overtaken overdone paid proven put quit
    rebuilt redone rewritten ridden rung risen run said seen sent set sewn shaken shown
    shrunk shut slain sold sought sown spent spilt split spoken spread stolen struck stuck
    stung sunk sworn swept swum taken taught thrown told torn understood undertaken upheld
    withdrawn withheld woken won worn woven written""".split()
)

# Words ending in -ed that follow "is/are" as adjectives, not passives.
NOT_PARTICIPLES = frozenset(
    """aged bed bleed breed deed feed greed heed hundred interested naked need red rugged
    ragged sacred seed shed speed supposed talented tired wicked""".split()
)
