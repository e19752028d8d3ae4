"""Signs of despair make the bot ask directly; worry, stress and everyday talk do not."""

from __future__ import annotations

import pytest

from bot.nlu.matching import mentions_self_harm, shows_distress
from bot.nlu.matching.lexicons import LexiconError
from bot.nlu.matching.threats import ThreatMatcher

DESPAIR = [
    ("nl", "ik heb zoveel schulden, ik kan niet meer"),
    ("nl", "wollah ik trek het niet meer met al die rekeningen"),
    ("nl", "ik zie geen uitweg meer"),
    ("nl", "ik ben ten einde raad"),
    ("nl", "ik ben helemaal op, elke dag een nieuwe brief"),
    ("nl", "mijn leven is een puinhoop"),
    ("nl", "ik huil de hele dag"),
    ("nl", "ik heb het opgegeven"),
    ("nl", "het kan me niet meer schelen wat er gebeurt"),
    ("tr", "artık dayanamıyorum"),
    ("tr", "incasso sürekli arıyor, tükendim"),
    ("tr", "hiç umudum kalmadı"),
    ("tr", "cikis yolu goremiyorum"),
    ("tr", "hayatim mahvoldu bu borclar yuzunden"),
    ("tr", "her gece agliyorum"),
    ("ar", "t3bt mn kolchi"),
    ("ar", "ma b9itch n9der, kolchi 3liya"),
    ("ar", "ما بقيتش قادر"),
    ("ar", "فقدت الأمل"),
    ("ar", "تعبت من كل شيء"),
    ("ar", "ma kayn 7ta 7al"),
    ("ar", "ma 3ad fiyi"),
    ("ar", "حياتي تدمرت بسبب الديون"),
    ("nl", "Ik kan niet meer. Het is allemaal te zwaar."),
    ("nl", "Ik heb geen kracht meer om door te gaan"),
    ("nl", "Het heeft allemaal geen zin meer"),
    ("tr", "artik kaldiramiyorum, borclar beni bitirdi"),
    ("tr", "Hicbir seyin anlami kalmadi"),
    ("ar", "ما بقيت عارف اش ندير بحياتي، كلشي مسدود"),
    ("ar", "wallah ma b9it 9ader, kolchi mcha"),
    ("ar", "ما بقيتش قادر، كل نهار كنفكر فالكرا والديون وما كنعس"),
    # A last message with thanks for trying: the bot asks (blind33)
    ("nl", "Dit is mijn laatste bericht. Bedankt voor het proberen"),
    # Wanting it all to end (blind34, thirteenth review)
    ("tr", "Devam edemiyorum artik. Yeter. Bitsin istiyorum."),
    ("tr", "Borclar yuzunden her sey bitsin istiyorum."),
    ("tr", "Bitsin artik her sey."),
    ("tr", "devam edemiyorum artik. yeter. bitsin istiyorum"),
]

WORRY = [
    ("tr", "Bu kis bitsin istiyorum, dogalgaz faturasi cok yuksek."),
    ("tr", "Bu hafta bitsin istiyorum, cok yoruldum."),
    (
        "nl",
        "Oké, laatste bericht: bedankt voor het proberen, ik"
        " bel zelf wel naar de woningcorporatie.",
    ),
    ("nl", "Laatste bericht voor vanavond hoor, bedankt voor het proberen, maandag weer verder."),
    ("nl", "ik kan de huur niet meer betalen"),
    ("nl", "ik kan niet meer betalen"),
    ("nl", "ik slaap slecht van de stress"),
    ("nl", "ik weet niet wat ik moet doen"),
    ("nl", "mijn telefoon is kapot"),
    ("nl", "ik geef het op met deze chat"),
    ("nl", "ik wil niet meer chatten"),
    ("nl", "ik kan niet meer inloggen bij mijn bank"),
    ("tr", "kirayi odeyemiyorum"),
    ("tr", "ne yapacagimi bilmiyorum"),
    ("tr", "bu kutuyu kaldiramiyorum, cok agir"),
    ("ar", "ma b9itch 9ader nkhles lfactourat"),
    ("ar", "ما بقيتش قادر نخلص الكرا"),
    ("ar", "3ndi dyoun bzaf w ma3rftch ach ndir"),
    ("ar", "beslag 3la uitkering dyali w mab9a walo"),
    # Found by a review of the first version of distress.yml (a task, an object, somebody else,
    # a preference, money)
    (
        "nl",
        "Ik kan niet meer aan mijn betalingsverplichtingen voldoen sinds ik mijn baan kwijt ben",
    ),
    ("nl", "Ik kan niet meer dan 50 euro per maand afbetalen"),
    ("nl", "ik kan niet meer rond komen van mijn uitkering"),
    ("nl", "ik kan niet meer op mijn DigiD, wat moet ik doen"),
    ("nl", "Ik kan niet meer bij de huisarts terecht omdat mijn verzekering duur is"),
    ("nl", "ik kan niet meer verder met de aanvraag, hij loopt vast"),
    ("nl", "ik kan het niet meer downloaden van de site"),
    ("nl", "Ik kan niet meer reageren op de mail van de deurwaarder"),
    ("nl", "ik kan niet meer met de auto naar mijn werk, te duur met die benzine"),
    ("nl", "ik ben echt op zoek naar een goedkopere woning"),
    ("nl", "Ik ben zo op het gemeentehuis, dan lever ik de papieren in"),
    ("nl", "ik ben helemaal op de hoogte van de regeling, dank je"),
    ("nl", "Ik ben er helemaal klaar mee, het formulier is ingevuld en verstuurd"),
    ("nl", "Ik ben er helemaal klaar mee dat Eneco nooit terugbelt"),
    ("nl", "ik ben helemaal kapot, heb vandaag 10 uur gewerkt"),
    ("nl", "Ik word wanhopig van die wachtmuziek bij de Belastingdienst"),
    ("nl", "Ik ben hopeloos met computers, kunt u het invullen?"),
    ("nl", "De bus was weer hopeloos te laat dus ik miste mijn afspraak"),
    ("nl", "Ik heb geen hoop dat de gemeente nog deze week reageert"),
    ("nl", "ik ben aan het einde van mijn latijn met dit formulier"),
    ("nl", "Ik heb het opgegeven bij de belastingdienst als inkomen"),
    ("nl", "Ik heb alles opgegeven bij de schuldhulp, ook de schuld bij Zalando"),
    ("nl", "ik geef het op als bijverdienste in de aangifte"),
    ("nl", "Ik geef het op, die website doet het gewoon nooit"),
    ("nl", "Ik heb alles geprobeerd maar de betaling is mislukt"),
    ("nl", "Ik heb alles ingevuld maar het uploaden is mislukt"),
    ("nl", "Alles is kapot in dit huis en de verhuurder doet niks"),
    ("nl", "De boiler is kapot, alles is koud"),
    ("nl", "Door de lekkage is alles verwoest in de woonkamer"),
    ("nl", "ik heb alles opgestuurd maar bellen heeft geen zin, ze nemen niet op"),
    ("nl", "het maakt me niet meer uit welke energieleverancier, als het maar goedkoper is"),
    ("nl", "Welke dag schikt u? Alles is me om het even"),
    ("nl", "Mijn dochter zit de hele dag te huilen omdat ze gepest wordt op school"),
    ("nl", "De baby huil elke nacht omdat het zo koud is in huis"),
    ("nl", "Ik heb niemand meer gesproken bij de gemeente sinds vorige week"),
    ("nl", "ik heb helemaal niemand aan de lijn gekregen bij Vattenfall"),
    ("nl", "Is er niemand die me kan helpen met dit formulier?"),
    ("nl", "Ik wil niet meer dan 30 euro per maand aflossen"),
    ("nl", "ik wil niet meer gebeld worden door dat incassobureau"),
    ("nl", "Ik wil niet meer dat ze mijn loon in beslag nemen"),
    ("nl", "Ik wil niet meer in de schulden komen, hoe doe ik dat?"),
    ("nl", "Ik wil niet meer op de wachtlijst staan voor een sociale huurwoning"),
    ("nl", "ik kan het niet meer aan zetten, de verwarming blijft uit"),
    ("nl", "Ik kan het niet meer aan de verhuurder doorgeven want hij reageert niet"),
    ("nl", "De huur is me te veel geworden sinds de verhoging"),
    ("tr", "Bu soguga dayanamiyom, kalorifer calismiyor"),
    ("tr", "Is yerinde 12 saat calistim takatim kalmadi"),
    ("tr", "Yagmurda sirilsiklam perisan oldum, otobus gelmedi"),
    ("tr", "Durum umutsuz degil, taksitle odeyebilirsiniz dediler"),
    ("tr", "Ben bilgisayar konusunda umutsuz vakayim, formu siz doldurur musunuz"),
    ("tr", "Galatasaray icin umut kalmadi bu sezon"),
    ("tr", "Uygulamada cikis yok, hesaptan cikamiyorum"),
    ("tr", "Sifreyi bulmaktan pes ettim, yeni sifre nasil alinir"),
    ("tr", "O telefonu almaktan vazgectim artik, cok pahali"),
    ("tr", "Belediyeyi aramaktan omrum bitti, kimse acmiyor"),
    ("tr", "Bu filmi izlerken hep agliyorum"),
    ("tr", "Sogan dograrken hep agliyorum"),
    ("tr", "Bu hafta sonu evde yalniz kaldim, cocuklar babaannede"),
    ("tr", "Acil, kimse yardim edemez mi?"),
    ("tr", "Ameliyattan sonra kolumu kaldiramiyorum, ise gidemiyorum"),
    ("tr", "Dolabi tek basima kaldiramiyorum, tasinmak icin yardim lazim"),
    ("tr", "Bu masrafi kaldiramiyorum, zam cok buyuk"),
    ("tr", "Komsularin gurultusunu artik kaldiramiyorum"),
    ("ar", "لا اتحمل الحليب عندي حساسيه"),
    ("ar", "ما عاد في خبز بالبيت ولا مصاري"),
    ("ar", "ما عاد في كهربا من امبارح"),
    ("ar", "ما بقيتش قادر نطلع الدروج بسبب الركبه"),
    ("ar", "ما بقيتش نقدر نشري الدوا ديالي"),
    ("ar", "ma b9itch n9der nchri lma3ich l drari"),
    ("ar", "mish 2ader afta7 el link"),
    ("ar", "mish 2ader adfa3 el fatoura di"),
    ("ar", "ما قادرش نصبر حتى للشهر الجاي باش يردو عليا"),
    ("ar", "تحطمت شاشة التلفون ديالي"),
    ("ar", "السياره تدمرت في الحادث والتامين ما بغاش يخلص"),
    ("ar", "انهرت من الضحك على الفيديو"),
    ("ar", "3yit bzaf lyoum f lkhedma"),
    ("ar", "خدمت اليوم 12 ساعه تعبت بزاف بزاف"),
    ("ar", "يئست من الاتصال بيهم، ما كيجاوبوش"),
    ("ar", "حاولت محاوله يائسه باش نتاصل بالشركه"),
    ("ar", "ما كاين حتى حل آخر غير نخلص بالتقسيط"),
    ("ar", "makayn 7ta 7al l had lmochkil dyal lwifi"),
    ("ar", "3mri ma fatatni salat"),
    ("ar", "عمري ما تخربت ليا الثلاجه بحال هكا"),
    ("ar", "3mri ma tkhrbat lia tomobil 9bel"),
    ("ar", "kanb9a nbki mli kanchof had lmosalsal"),
    ("ar", "ما عندي حتى واحد الدرهم حتى لاخر الشهر"),
    ("ar", "ma 3ndi 7ta wa7d euro f lbanka"),
    ("ar", "ما عندي حتى واحد من هاد الوراق اللي طلبو"),
    ("ar", "بقيت بوحدي ف الدار هاد السيمانه، مراتي مشات للبلاد"),
    ("ar", "حاولت نتاصل بيهم بزاف، في الاخير استسلمت وخلصت"),
]


@pytest.mark.parametrize(("lang", "text"), DESPAIR)
def test_despair_is_seen(lang: str, text: str) -> None:
    assert shows_distress(text, lang)


@pytest.mark.parametrize(("lang", "text"), WORRY)
def test_worry_and_everyday_talk_are_not(lang: str, text: str) -> None:
    assert not shows_distress(text, lang)


def test_despair_is_not_a_self_harm_message() -> None:
    """The distress words ask; they must not stop the intake as self-harm words would."""
    for lang, text in DESPAIR:
        assert not mentions_self_harm(text, lang), text


def test_the_distress_file_has_one_section_per_language(tmp_path) -> None:
    wrong = tmp_path / "distress.yml"
    wrong.write_text('nl:\n  self_harm:\n    - "ik kan niet meer"\n', encoding="utf-8")
    with pytest.raises(LexiconError):
        ThreatMatcher.from_file(wrong, labels=("distress",))
