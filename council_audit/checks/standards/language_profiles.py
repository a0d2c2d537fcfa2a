"""What written languages look like: frequent function words of the languages most
written on UK council sites (English, Welsh, Gaelic and the most common community
languages that use the Latin alphabet), and the scripts other languages are written in.
Used to tell which language a passage is in (``checks/common/langid.py``)."""

from __future__ import annotations

# Function words: frequent in running text of the language. Words shared between
# languages ("de", "in", "en") are kept, since identification needs a clear lead; words
# of one letter ("a", "i", "y") are left out, being common to too many languages.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(w for w in words.split() if len(w) > 1)
    for lang, words in {
        "en": "the and of to is are was were for with this that from will be it by or can "
        "have has had not you your we our they their which what when who would should there "
        "been but if into than then these those about because also its an on at as in",
        "cy": "y yr yn mae ac ar gyda eich ein bod sy neu ond hefyd ydy gan wedi hyn hynny "
        "fel ei eu dy fy nid oes roedd bydd dim gyfer drwy ddim chi ni nhw hwn hon",
        "gd": "agus an na tha air ann ri gu bha nach aig bho seo sin mar ach chan e i iad "
        "sinn sibh",
        "fr": "le la les des du de et est un une dans pour que qui sur pas ne au aux avec ce "
        "cette il elle nous vous sont ont mais ou par plus se son sa ses leur été être",
        "de": "der die das und ist nicht ein eine einen dem den des mit sich auf für von zu "
        "im auch es sie wir ich er sind wird werden bei aus nach oder wie noch über",
        "nl": "de het een en van is niet dat die op te met voor zijn er aan ook als maar om "
        "hij zij wij ze bij naar dan nog wordt uit door deze dit wat heeft in",
        "es": "el la los las de del y en que es un una por con para se no su al lo como más "
        "pero sus le ya este esta son está muy también fue",
        "it": "il lo la gli le di del della che e è un una per con non si da in sono al ma "
        "come anche più nel questo questa ha hanno alla",
        "pt": "o a os as de do da dos das e em que é um uma para com não se por mais no na "
        "como mas foi ao seu sua são também está",
        "da": "og i er det at en til af for med på som de den et ikke har jeg der var han "
        "hun vi kan skal vil fra eller efter også",
        "sv": "och i är det att en till av för med på som de den ett inte har jag var han "
        "hon vi kan ska vill från eller efter också",
        "no": "og i er det at en til av for med på som de den et ikke har jeg var han hun "
        "vi kan skal vil fra eller etter også",
        "pl": "i w na z do nie się że jest to o jak od po ale za co tak przez dla czy już "
        "jego jej są być może tylko",
        "ro": "și în de la cu nu se că este un o pe din care pentru mai ca sunt ale al lui "
        "dar fost sau",
        "lt": "ir yra kad su į iš ne bet kaip už tai jo jos buvo per nuo apie",
    }.items()
}

# Languages close enough that text in one is easily scored as the other.
FAMILIES = ({"da", "no", "nb", "nn", "sv"}, {"nl", "af", "li"}, {"es", "ca", "gl"}, {"pt", "gl"})

# ISO 639-2 codes sometimes written instead of the two-letter ones.
THREE_LETTER = {
    "eng": "en", "cym": "cy", "wel": "cy", "gla": "gd", "fra": "fr", "fre": "fr", "deu": "de",
    "ger": "de", "nld": "nl", "dut": "nl", "spa": "es", "ita": "it", "por": "pt", "dan": "da",
    "swe": "sv", "nor": "no", "pol": "pl", "ron": "ro", "rum": "ro", "lit": "lt",
}  # fmt: skip

# The script each language is written in, by the first word of Unicode character names.
SCRIPTS: dict[str, frozenset[str]] = {
    script: frozenset(langs.split())
    for script, langs in {
        "LATIN": "en cy gd ga fr de nl es it pt da sv no nb nn pl ro lt lv et fi hu cs sk sl "
        "hr bs sr sq tr az uz ku so sw yo ig ha af ms id tl vi eu ca gl is mt lb kw",
        "ARABIC": "ar ur fa ps sd ku ug pa az ms",
        "CYRILLIC": "ru uk bg be mk sr kk ky tg mn az uz",
        "GREEK": "el",
        "HEBREW": "he yi",
        "DEVANAGARI": "hi mr ne sa",
        "BENGALI": "bn as",
        "GURMUKHI": "pa",
        "GUJARATI": "gu",
        "TAMIL": "ta",
        "TELUGU": "te",
        "MALAYALAM": "ml",
        "SINHALA": "si",
        "THAI": "th",
        "HANGUL": "ko",
        "HIRAGANA": "ja",
        "KATAKANA": "ja",
        "CJK": "zh ja",
        "ETHIOPIC": "am ti",
        "GEORGIAN": "ka",
        "ARMENIAN": "hy",
    }.items()
}

# Script subtags (lang="pa-Arab") and the script they name.
SCRIPT_SUBTAGS = {
    "latn": "LATIN", "arab": "ARABIC", "cyrl": "CYRILLIC", "grek": "GREEK", "hebr": "HEBREW",
    "deva": "DEVANAGARI", "beng": "BENGALI", "guru": "GURMUKHI", "gujr": "GUJARATI",
    "taml": "TAMIL", "hans": "CJK", "hant": "CJK", "jpan": "CJK", "kore": "HANGUL",
}  # fmt: skip
