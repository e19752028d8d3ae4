"""Word lists and patterns that tell nl, tr and ar (incl. Darija in Latin letters) apart.

Why hand-written lists next to a trained model: chat messages are often one or two words
("hallo", "salam", "evet", "wakha"), far too little for character statistics, and the
training data itself mixes languages on purpose (Dutch speakers greet with "salam", Turkish
and Darija messages borrow "gemeente", "deurwaarder", "ja"). Weights are log-odds-like
evidence added per token; a word listed for two languages cancels out.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("nl", "tr", "ar")

STRONG = 3.0
MEDIUM = 2.0
WEAK = 1.0

# --- Dutch -------------------------------------------------------------------------------
_NL_STRONG = """
ik jij jou jouw jullie wij zij hij het een niet geen wel wat hoe waar waarom wanneer welke
heb hebt heeft hebben bent zijn waren kun kunt kunnen wil wilt willen moet moeten mag mogen
zal zou wordt word worden mijn m'n mij met van voor naar aan bij uit dat dit die deze er hier
daar ook nog toch even ff graag alsjeblieft alstublieft aub ja jaa jawel jazeker jaja nee neen
neenee neuh klopt hallo hoi hoii hallootjes doei doeg daag goedemorgen goedemiddag goedenavond
goeiemorgen goeiemiddag goeienavond goedendag goedenacht bedankt dankjewel dankuwel dankje
welterusten iemand niks niets iets alles omdat want hoor joh inderdaad idd tuurlijk natuurlijk
liever geholpen helpen betalen betaald terugbetalen brieven rekeningen rekening geld geldzorgen
spreken praten bellen gesprek vraag vragen antwoord gegevens komen krijg krijgen kreeg opnieuw
terug vorige stoppen ophouden weet weten denk snap begrijp verder maand maanden weken jaar
vandaag gisteren woon wonen zit zitten gaat gaan ga sta staat hulp nodig misschien mss wrm
egt ikke kweet kga kben kheb fout kappen baai fakka
"""
_NL_MEDIUM = """
kan u uw ze om op over tot nu dan als maar al veel meer prima goed zeker helemaal dank zo mens
mensen doe precies echt klaar heel erg week morgen jup
"""
_NL_WEAK = "en de dag ben had is was we me help of nie moi"

# --- Turkish (also written without diacritics) --------------------------------------------
_TR_STRONG = """
evet evt hayır hayir tamam tamamdır tamamdir tmm olur olmaz merhaba meraba merhabalar selam
selamlar selamun esselamu aleykum günaydın gunaydin teşekkürler tesekkurler teşekkür tesekkur
tşk tsk sağol sagol saol sağolun sagolun lütfen lutfen bir bu şu su ve var yok çok cok için
icin ile mi mı mu mü değil degil ne nasıl nasil neden niye nerede kim hangi sen siz biz beni
bana benim bizim senin size sizin borç borc borcum borçlarım borclarim para param paramız
yardım yardim istiyorum istemiyorum lazım lazim gerek abi abla hocam kardeşim kardesim iyi
kolay gelsin naber nasılsın nasilsin görüşürüz gorusuruz hoşçakal hoscakal eyvallah inşallah
insallah şimdi simdi sonra daha ama gibi çünkü cunku yani bilmiyorum biliyorum anlamadım
anlamadim peki aynen kesinlikle tabii tabi doğru dogru yanlış yanlis olsun misin musun mısın
miyim miyiz musunuz misiniz mısınız geldi gelecek oldu olacak asla elbette hıhı
kanka knk bişey bisey şey nbr napıyorsun napiyorsun mrb mrhb baştan bastan hepsini lahey
tskler tşkler tşkr tskr tesekurler teşekkürlerr sağolasın sagolasin
kira kiram kirayı kirayi kiramı kirami borcu borçlar borclar borçları borclari borcumuz
yüzünden yuzunden mektup mektubu mektupta gönderdi gonderdi gönderdiler gonderdiler diye
ödeyemiyorum odeyemiyorum ödeyemedim odeyemedim geri anlat anlatır anlatir anlatsana
kib ikamet ettigim ettiğim maçı maci kaçta kacta tarafı tarafi tarafında tarafinda
"""
_TR_MEDIUM = "da ki ben en o cik çık"
_TR_WEAK = "hadi roterdam hollandaca türkçe turkce arapça arapca felemenkçe he pk"
"""Spoken Turkish "he" (yes) is weak: a Dutch "he" (hey) alone must not open a Turkish
conversation. "pk" is posta kodu ("pk 2525 dx"), weak as it is also a Dutch abbreviation.
Not "sa" (selamün aleyküm): Darija writers type French "ça va" as "sa va"."""

# --- Arabic in Latin letters: Moroccan Darija "Arabizi" and a little transliterated MSA ------
_AR_STRONG = """
salam salaam salamo salamu assalamu slam wach wash wesh bghit bghina bgha bghat dyal dyali
dyalek dyalo dial diali 3lach 3lah kifach kifash chno chnou chnu achno wakha iyeh iyah safi
bzaf bzzaf mzyan mezyan mzian labas lbas hamdullah hamdoulilah lhamdulillah flous lflous khoya
khouya khti daba mochkil mouchkil mushkil hna imta chkon chkoun shkon kayn kayna makaynch bach
ghadi khdma lkhedma 3andi 3ndi 3ndk ma3ndich ma3andich walakin wlakin 3afak 3afakom 3likom
3alaykom alaykoum alikoum choukran chokran chukran shukran barakallah baraka llahou fik bslama
beslama bsslama nchallah inchallah khassni khasni n9der t9der ndir kandir wa7ed wahed m3a m3ak
m3aya drari bnadem ahlan marhaba sba7 sbah lkhir msa kidayr kidayra kidayrin machi walo akid
sa7i7 hadchi hada hadak hadik lkra kra ana nta nti ntoma howa mn3ref ma3reftch fhemt nhar
lyoum ghedda biya bik lia liya lik 3liya 3lia sken saken sakna kanskon 3aych momkin hder nhder
thder kanhder holandiya hollandiya bl3arbia l3arbia darija ykhlik ykhalik jdid jdida
nbda nbdaw yjazik ijazik bikhir bikhire iyyeh iyyah
"""
_AR_MEDIUM = "chi la lala lah fin aleikum alaikum alaykum kol hiya"
_AR_WEAK = "w f wallah wollah yallah inshallah ya cv ach bcp beaucoup recommencer postal svp stp"
"""Also the French that Moroccan writers mix in ("merci bcp", "code postal"); nl and tr
writers here hardly ever do. Not "ah" (Darija yes): with the n-grams it would open an Arabic
conversation for a Dutch "ah" (oh)."""

# Turkish and Arabic words that Dutch speakers use in Dutch messages too ("salam allemaal",
# "mag het in het darija"): alone they do not show the writer's own language.
_BORROWED = """
salam salaam salamo salamu assalamu slam selam selamlar inshallah inchallah nchallah insallah
inşallah darija türkçe turkce abi abla abim ablam hocam kardeşim kardesim knk kanka kira
ewa ewaa
"""

# --- Language-neutral ----------------------------------------------------------------------
# Chat fillers used in all three languages, and the Dutch institutions, companies, towns,
# neighbourhoods and football clubs that Turkish and Darija messages name in Dutch. They carry
# no evidence either way.
_NEUTRAL = """
ok oke oké okee okay okey oki okie k kk stop yes yep yup no nope nah nn non hi hey hee heey
yo hello bye ciao tchao merci thanks thx tnx thnx sorry pls please plz top super lol haha hahaha
hihi xd hmm hm eh ah oh alo allo allah slm chat bot robot chatbot chatgpt reset restart back
cancel exit quit undo euro euros eur wegwijs whatsapp sms email mail s t e nl tr ar bb
gemeente gemeentes deurwaarder deurwaader belastingdienst belasting toeslag toeslagen
huurtoeslag zorgtoeslag kinderopvangtoeslag incasso incassobureau schuldhulp
schuldhulpverlening schuldhulpverlener hulpverlener zorgverzekering zorgverzekeraar
achterstand beslag ontruiming aanmaning huisuitzetting betalingsregeling woningcorporatie
medewerker consulent postcode cjib duo uwv bsn digid svb eneco vattenfall essent vitens evides
pwn cz vgz menzis ohra klarna afterpay ing rabobank abn amro bunq huur premie naheffing
amsterdam rotterdam den haag utrecht eindhoven tilburg groningen almere breda nijmegen arnhem
haarlem enschede zaanstad zaandam apeldoorn amersfoort bosch hertogenbosch zoetermeer zwolle
leiden dordrecht maastricht ede alkmaar delft venlo deventer helmond emmen hilversum heerlen
leeuwarden schiedam vlaardingen gouda lelystad purmerend roosendaal oss hengelo helder
capelle spijkenisse nieuwegein veenendaal zeist hoorn katwijk sittard westland lansingerland
noord zuid oost west centrum privacy feyenoord ajax psv
transvaal escamp schilderswijk laak moerwijk slotervaart kolenkit feijenoord delfshaven
charlois hillesluis afrikaanderwijk spangen kanaleneiland overvecht lombok woensel
"""


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Lower-cased words of all Dutch municipality names and aliases in Latin script.

    Why: a town name says nothing about the writer's language, but the n-gram model would
    call "Roermond" Dutch. Taken from bot.geo (one source of truth for place names), minus
    words shorter than four letters ("Son", "Ede") and words our lists already score
    ("van", "aan"). Arabic-script names are left out on purpose: typing a town in Arabic
    script is itself a sign of an Arabic writer. Falls back to the static list in
    ``_NEUTRAL`` when the geo data cannot be loaded.
    """
    try:
        from bot.geo import default_registry

        forms = [name for name, _ in default_registry().surface_forms()]
    except (ImportError, OSError, ValueError) as error:
        logger.warning("No municipality names for language detection: %s", error)
        return frozenset()
    words = set()
    for form in forms:
        for word in re.findall(r"[^\W\d_]+", form.lower()):
            if len(word) >= 4 and not ARABIC_SCRIPT.search(word) and word not in WORD_EVIDENCE:
                words.add(word)
    return frozenset(words)


_PLACE_TURKISH_ENDINGS = """
da de ta te dan den tan ten daki deki taki teki dayim deyim dayım deyım tayim teyim tayım dayiz
deyiz dayız tayiz teyiz li lı lu lü liyim lıyım luyum lüyüm
"""
PLACE_TURKISH_ENDINGS = tuple(sorted(_PLACE_TURKISH_ENDINGS.split(), key=len, reverse=True))
"""Turkish case and person endings typed straight onto a town name, without the apostrophe:
"rotterdamda", "schiedamdayim", "den haagda", "utrechtte", "amsterdamli"."""


def place_with_turkish_ending(word: str) -> bool:
    """A municipality word (:func:`place_words`) with a Turkish ending attached. Dutch endings
    on town names ("rotterdamse", "amsterdammer", "haagse") are not in the list."""
    for ending in PLACE_TURKISH_ENDINGS:
        if word.endswith(ending) and word[: -len(ending)] in place_words():
            return True
    return False


def _words(block: str) -> list[str]:
    return block.split()


def _build_word_evidence() -> dict[str, dict[str, float]]:
    evidence: dict[str, dict[str, float]] = {}
    table = (
        ("nl", _NL_STRONG, STRONG),
        ("nl", _NL_MEDIUM, MEDIUM),
        ("nl", _NL_WEAK, WEAK),
        ("tr", _TR_STRONG, STRONG),
        ("tr", _TR_MEDIUM, MEDIUM),
        ("tr", _TR_WEAK, WEAK),
        ("ar", _AR_STRONG, STRONG),
        ("ar", _AR_MEDIUM, MEDIUM),
        ("ar", _AR_WEAK, WEAK),
    )
    for language, block, weight in table:
        for word in _words(block):
            per_language = evidence.setdefault(word, {})
            per_language[language] = max(per_language.get(language, 0.0), weight)
    # Words that are genuinely shared get evidence for both sides so they cancel.
    for word, shared in {
        "ben": {"nl": MEDIUM, "tr": MEDIUM},
        "had": {"nl": WEAK, "ar": WEAK},
        "kan": {"nl": MEDIUM, "ar": WEAK},
        "hadi": {"tr": WEAK, "ar": WEAK},
        "ana": {"ar": STRONG, "tr": WEAK},
        "ya": {"ar": WEAK, "tr": WEAK},
        "en": {"nl": MEDIUM, "tr": WEAK},
        "de": {"nl": MEDIUM, "tr": WEAK},
    }.items():
        evidence[word] = dict(shared)
    for word in _words(_NEUTRAL):
        evidence.pop(word, None)
    return evidence


WORD_EVIDENCE: dict[str, dict[str, float]] = _build_word_evidence()
NEUTRAL_WORDS: frozenset[str] = frozenset(_words(_NEUTRAL))
BORROWED_WORDS: frozenset[str] = frozenset(_words(_BORROWED))

# --- Letters and patterns --------------------------------------------------------------------
TURKISH_LETTERS = frozenset("şğıŞĞİ")
"""Letters that only Turkish uses among nl/tr/ar: one is enough to call a word Turkish."""
TURKISH_LEANING_LETTERS = frozenset("çöü")
"""Turkish, but also French and German loans; weaker evidence."""
DUTCH_LETTERS = frozenset("ëï")

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
"""Harakat and tatweel: stripped so a vowelled word tokenises like an unvowelled one."""

ARABIZI_INSIDE = re.compile(r"^[a-z]+[23579][a-z]+")
"""A digit standing for ع ح ق خ ء between letters ("m3a", "ma9dertch", "sa7bi")."""
ARABIZI_INITIAL = re.compile(r"^[23579][a-z]{2,}$")
"""A word starting with such a digit ("3andi", "7na", "9bel")."""
ARABIZI_FINAL = re.compile(r"^[a-z]{2,}[23579]$")
"""A word ending in such a digit ("ta3", "sm7"): also product names, so weak."""

DUTCH_ORDINAL = re.compile(r"^\d+(e|de|ste)$")
TURKISH_NUMBER_SUFFIX = re.compile(
    r"^\d+(?:'|’)?(?:da|de|ta|te|dan|den|tan|ten|unda|inde|ında|ünde|ı|i|u|ü|e|a|ye|ya|si|sı|"
    r"su|sü|inci|ıncı|uncu|üncü)$"
)
APOSTROPHE_ENDING = re.compile(r"^[^\W\d_]{2,}['’]([a-zçğıöşü]{1,8})$")
"""Turkish attaches case endings to (Dutch) names with an apostrophe: "belastingdienst'e"."""
NON_TURKISH_APOSTROPHE_ENDINGS = frozenset(
    ["s", "t", "n", "je", "jes", "tje", "tjes", "m", "re", "ve", "ll", "d", "k", "er", "ers"]
)
"""Dutch "auto's", "zo'n", "sms'je", "zzp'er", English "don't", "I'm", "we're"."""
TURKISH_VERB = re.compile(
    r"(?:iyor|ıyor|uyor|üyor|yor)(?:um|sun|uz|sunuz|lar|du|muş|mus)?$"
    r"|[a-zçğıöşü]{2,}(?:iyo|ıyo|uyo|üyo)(?:m|n|z|lar|sun)?$"  # spoken: "yaziyo", "kesiyolar"
)
TURKISH_VERB_FORMS = re.compile(
    r"^[a-zçğıöşü]{2,}(?:alım|alim|elim|yalım|yalim|yelim)$"  # let's: "yapalim", "gidelim"
    r"|^[a-zçğıöşü]{2,}(?:acak|ecek|acağ|eceğ|acag|eceg)[a-zçğıöşü]*$"  # future: "kesecekler"
    r"|^[a-zçğıöşü]+(?:abil|ebil)(?:ir|ecek|iyor|di|se|mek|mem)[a-zçğıöşü]*$"  # can: "edebilir"
    r"|^[a-zçğıöşü]{3,}(?:dım|dim|tım|tim|dum|düm|dık|dik|duk|dük)$"  # past: "geldim", "odedik"
    r"|^[a-zçğıöşü]{3,}(?:mış|miş|muş|müş|mis|mus)(?:lar|ler|sin|siniz|im|iz)?$"  # "yazmis"
)
"""Turkish verb endings, also typed without Turkish letters; see ``NOT_TURKISH_VERBS``."""
NOT_TURKISH_VERBS = frozenset(
    _words("""
kermis kerstmis lichtmis nachtmis middernachtmis erasmus primus rasmus permis lkhmis lekhmis
khmis khamis lkhamis walidik lwalidik waldik lwaldik bladik lbladik laqdim abdelhalim abdelalim
abdelkarim taalim
""")
)
"""Dutch, French and Darija words with those endings ("kerstmis", "Erasmus MC", "lkhmis" =
Thursday, "walidik" = your parents, "Abdelhalim")."""
DARIJA_NEGATION = re.compile(r"^ma[a-z0-9]{2,}(?:ch|tch|sh)$")
"""The Darija circumfix ma...ch ("mabghitch", "ma3ndich", "makaynch")."""
DARIJA_NEGATED_VERB = re.compile(r"^[a-z0-9]+(?:[bdfghklmnqrsz0-9]tch|ghitch)$")
"""The second half of a split "ma fhemtch", "ma 9dertch", "ma bghitch": a consonant before
"-tch" (English loans in Dutch chat have a vowel there: "match", "switch", "sketch")."""
FRENCH_ELISION = re.compile(r"^[ld]['’][a-zé]+")
"""French loans ("l'huissier", "l'assurance") are typical for Moroccan chat, not for nl/tr."""

POSTCODE = re.compile(r"\b\d{4}\s?[a-zA-Z]{2}\b")
NUMBER = re.compile(r"^\d+$")
