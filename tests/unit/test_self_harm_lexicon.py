"""The self-harm safety net: the wording it must catch, and everyday money talk it must not."""

from __future__ import annotations

import pytest

from bot.nlu.matching import mentions_self_harm
from bot.nlu.matching.lexicons import LexiconError
from bot.nlu.matching.text import analyse
from bot.nlu.matching.threats import ThreatMatcher

MUST_CATCH = [
    ("nl", "mijn moeder geeft al haar spullen weg en zegt dat het voor haar genoeg is geweest"),
    ("nl", "Mijn zoon geeft al zijn spullen weg en zegt dat hij ze toch niet meer nodig heeft."),
    ("ar", "ما عاد في شي يخليني كمّل"),
    ("ar", "ma b9a walo ykhllini n3ich"),
    ("ar", "hadi akhir mra ghadi nktb likom. bslama lkolchi, sm7ouli"),
    ("ar", "هادي آخر مره غادي نكتب، بسلامة على كلشي"),
    ("tr", "Oglum kendini oldurmeye calisti, hastanede simdi"),
    ("tr", "Oglum kendini oldurecekmis, boyle dedi bana"),
    ("ar", "بنتي كتجرح راسها بالموس وما بغاتش تهضر معايا"),
    ("ar", "hadi akher mra nkteb. lah ykhli lwlad"),
    ("nl", "ik wil er niet meer zijn"),
    ("nl", "ik heb al dagen niet gegeten en ik wil eigenlijk niet meer verder"),
    ("tr", "ben gidince borclar da biter herhalde"),
    ("ar", "والله تعبت، بدي موت وخلص من هالعيشة"),
    ("ar", "عايز اموت"),
    ("nl", "mijn zoon zegt dat hij zich wat wil aandoen"),
    ("ar", "3yit, ma b9a 3ndi 7ta sbab bach nkml"),
    ("tr", "hersey bitse artik ben de bitsem"),
    ("nl", "met 30 duizend schuld, wat heeft het nog voor zin om door te gaan"),
    ("nl", "ik ben een last voor iedereen"),
    ("nl", "ik zie het echt niet meer zitten, al die schulden"),
    ("ar", "fkart nakoul ga3 dwa li 3andi w nsali"),
    ("tr", "komsum ilaclarini biriktiriyor, hepsini birden icecegim diyor"),
    ("ar", "jari 9al lia ghadi y9tel rasu"),
    ("ar", "أخوي يكول ماكو فايدة من عيشته"),
    ("ar", "صديقتي تكتب رسايل وداع لاولادها"),
    ("nl", "hij heeft een afscheidsbrief geschreven"),
    ("tr", "kardesim veda mesaji gibi bir sey atti bana"),
    ("nl", "ze zetten me op straat, dan ga ik wel voor de trein"),
    ("tr", "bu son mesajim olabilir cocuklarima iyi bakin"),
    ("tr", "herkese veda etmek istiyorum artik"),
    ("ar", "كنحس براسي تقيلة على الناس كاملين"),
    ("ar", "ya rebbi ddini 3ndek ma b9itch n9der"),
    ("nl", "soms denk ik aan zelfmoord"),
    ("nl", "iedereen is beter af zonder mij"),
    ("nl", "ik wil gewoon slapen en nooit meer wakker worden"),
    ("nl", "ik heb de pillen al klaarliggen"),
    ("nl", "ik wil er een punt achter zetten"),
    ("nl", "ik ben het leven zat"),
    ("tr", "artık yaşamak istemiyorum"),
    ("tr", "intihar etmeyi düşünüyorum"),
    ("tr", "bensiz herkes daha rahat eder"),
    ("tr", "her şeye son vermek istiyorum"),
    ("tr", "canıma kıyacağım"),
    ("ar", "أفكر في الانتحار"),
    ("ar", "لا أريد أن أعيش بعد الآن"),
    ("ar", "بغيت نموت"),
    ("ar", "غادي نقتل راسي"),
    ("ar", "bghit nmout, ma bqitch n9der"),
    ("ar", "kanfker n9tel rasi"),
    ("ar", "ma bqitch bghit n3ich"),
    ("ar", "bghit ntfa w safi"),
    ("ar", "kolchi 3liya ma b9a 3ndi 7ta sbab bach nb9a 7ay"),
    ("ar", "والله بدي اخلص من حالي"),
    ("ar", "kanjarre7 dra3i mli kantkhle3"),
    ("ar", "كنأؤذي نفسي ملي كنفكر فالديون"),
    ("ar", "bghit n2edi rasi"),
    ("nl", "ik kras in mijn armen als het te veel wordt"),
    ("nl", "soms wil ik gewoon van mezelf af"),
    ("tr", "bileklerimi kestim dun gece"),
    ("tr", "kendimden kurtulmak istiyorum artik"),
    ("nl", "niemand zou me missen als ik weg ben"),
    ("nl", "ik heb al mijn pillen gespaard"),
    ("ar", "مابقا عندي حتى رغبة فالحياة"),
    ("ar", "kan7ass b rasi 3ib2 3la l3ayla"),
    ("tr", "is yok bi ip bulsam asicam kendimi"),
    ("tr", "bazen direksiyonu kirip duvara carpsam diyorum"),
    ("tr", "herkesten helallik istiyorum bu son mesajim"),
    ("tr", "çocuklarıma iyi bakın ben gidiyorum artık"),
    ("ar", "سمحو ليا على كلشي هادي آخر مرة نكتب"),
    ("ar", "kanjre7 yddi mli kan9ra lbrawat"),
    ("ar", "jre7t yddi bach nrta7 mn had da9a"),
    ("tr", "kendimi asiyim artik"),
    ("tr", "bir urgan alsam her sey biter"),
    ("tr", "ip aldim tavana asicam"),
    ("tr", "bi agaca girsem her sey biter"),
    ("tr", "kendimi tirin onune atsam"),
    ("tr", "hakkinizi helal edin artik gidiyorum"),
    ("tr", "annem cocuklarima iyi baksin ben gidiyorum"),
    ("ar", "sam7ouni 3a kel shi, ma 3ad fiyye kammel"),
    ("ar", "ماما سامحيني على كلشي"),
    ("nl", "dit is mijn laatste bericht, zeg tegen mijn dochter dat ik van haar hou"),
    ("tr", "dayanamıyorum artık sabah olmasın istiyorum"),
    ("ar", "ta3bet mn kel shi w bfakker 2ezi 7ale"),
    ("ar", "ma 3ad badde ken"),
    ("ar", "سامحوني، ولادي احسن بلايي"),
    ("ar", "kanfker nmchi mn had dnia w safi"),
    ("nl", "dit is mijn laatste bericht zeg tegen mijn zoon dat ik van hem hou"),
    ("ar", "wladi ghadi yrta7o blaya"),
    ("ar", "ghadi nmchi mn had ddounia"),
    ("ar", "3am bi2zi 7ale"),
    ("ar", "ma 3ad bade 3ish, t3ebt"),
    ("nl", "ich kin neet mie, ich wil neet mie leve"),
    ("nl", "mi no wani libi moro boy"),
    ("tr", "borçlar da benimle gömülsün"),
    ("ar", "عندي حبوب كتيرة بالبيت وبفكر اخدهم كلهم مرة وحدة"),
    ("ar", "هاي اخر رسالة مني، ادعولي"),
    ("nl", "ik wil nie meer verder leven"),
    ("nl", "mi no e wani libi moro"),
    ("nl", "mi wani kiri misrefi"),
    ("tr", "ben olunce borclarim da benle gomulsun"),
    ("ar", "بدي اخد كل الاقراص اللي عندي دفعة وحدة"),
    ("ar", "اليوم غادي نمشي، هادي اخر رساله، ادعولي"),
    ("nl", "vaarwel allemaal, het is mooi geweest"),
    ("ar", "ila ma tla9itoch jawab ghedda rah ana mchit, sm7o lia kamlin"),
    # blind25 and blind26 (messages dictated by voice or typed for someone else)
    ("nl", "als de deurwaarder komt spring ik van het dak"),
    ("nl", "mijn vader bidt dat god hem komt halen"),
    ("nl", "het hoeft niet meer, sorry voor alles. vaarwel"),
    ("tr", "bacagimi yine kestim dun gece"),
    ("tr", "oglum kendini jiletle kesiyor"),
    ("tr", "su an koprunun kenarindayim"),
    ("tr", "allahim canimi al artik yeter"),
    ("ar", "بغيت غير نعس وما نفيقش"),
    ("ar", "خويا قال غادي يلوح راسو من الطاقة"),
    ("ar", "بنتي بتجرح نفسها بالموس"),
    ("ar", "ma b9itch baghi nfi9"),
    ("ar", "akhir message dyali, sma7o lia"),
    ("ar", "sm7o lia, ma bqa li walo, khlit kolchi l mama, akher mra nktab"),
    ("ar", "kanfker nqta3 3rou9i"),
    # Farewells split over two sentences (rules with across_sentences)
    ("nl", "laatste bericht van mij. zeg mijn dochter dat het me spijt"),
    ("tr", "son mesajim bu. cocuklarima iyi bakin"),
    ("ar", "هادي اخر رساله. سامحوني"),
    ("ar", "ما عاد بدي كمل، تعبانة من كل شي"),
    # blind27 (residents of 18 to 27) and blind28 (60 and over)
    ("tr", "cok yoruldum, her sey bitsin artik"),
    ("tr", "cocuklarima mektup biraktim, yastigin altinda"),
    ("tr", "ipi hazirladim. elveda"),
    ("tr", "uyku haplarindan kac tane oldurur"),
    ("nl", "dit is mijn laatste bericht, mijn testament ligt in de kast"),
    ("ar", "smho lia, hadi akhir message"),
    ("ar", "kanjr7 rassi kol lila"),
    ("ar", "قولو لولادي كنبغيهم. سامحوني"),
    ("ar", "توفى راجلي من عام. بغيت نلحقو"),
    ("ar", "لا أريد أن أستيقظ غدا"),
    ("ar", "عندي الحبوب ديال السكر بزاف، غادي ناخدهم كاملين مرة وحدة"),
    # Caught only by the classifier before; words now, so a retrained classifier cannot lose them
    ("nl", "wat heeft mijn leven nog voor zin"),
    ("ar", "تعبت بزاف، غادي نطلع للسطح ونرتاح"),
    ("ar", "safi bghit nmchi 3and rebbi"),
    ("ar", "khti bghat tsali m3a 7yatha"),
]

MUST_NOT_CATCH = [
    ("nl", "ik moet zo weg voor de trein van half vijf"),
    ("ar", "khassni nakoul dwa dyal sokkar kol nhar"),
    ("nl", "wat heeft het voor zin om door te gaan met deze vragen"),
    ("nl", "dit is mijn laatste bericht voor vandaag"),
    ("tr", "bu benim son mesajim, iyi aksamlar"),
    ("tr", "bu son mesajım, helal olsun size"),
    ("tr", "çok sağol abla hakkını helal et"),
    ("tr", "kendimi asla affetmem borçlar yüzünden"),
    ("tr", "direksiyonu kırıp park ettim"),
    ("tr", "arabam kaydı duvara çarptı tamir parası yok"),
    ("ar", "smhouli 3la lta2khir"),
    # Found by a reviewer next to the rules above
    ("tr", "kendimi toparlayip perdeleri ascam sonra"),
    ("tr", "camasirlari asmak icin bi ip bulsam"),
    ("tr", "anahtarin ipi boynuma asarim kaybolmasin diye"),
    ("tr", "otoyolda az kalsin kamyona carpacagim sandim"),
    ("tr", "kafami duvara carpicam bu belediye yuzunden"),
    ("tr", "son mesajim su: helal gida kolisi nereden alinir"),
    ("tr", "umreye gidiyorum herkesten helallik istiyorum"),
    ("tr", "hastaneye gidiyorum cocuklarimi komsuya emanet ettim"),
    ("tr", "tatile gidiyoruz, cocuklarima iyi bakin dedim anneme"),
    ("ar", "kanjre7 yddi dima b lmos f lkouzina"),
    ("ar", "smhouli ila kolchi mktoub b darija"),
    ("ar", "سامحوني هادي آخر مرة نتأخر فالخلاص"),
    # Found by a second review
    ("nl", "in mijn laatste bericht vroeg ik of mijn dochter ook toeslag krijgt"),
    ("nl", "kunt u mijn laatste bericht doorsturen, zeg tegen de schuldhulp dat ik bel"),
    ("nl", "sorry, mijn laatste bericht was fout, ik woon in Delft"),
    ("tr", "sabah olmasin istiyorum cunku sabah 8de deurwaarder gelecek"),
    ("tr", "yarini gormek istemiyorum sinav sonucu geliyor"),
    ("ar", "روحو بلايا للموعد، احسن ليكم"),
    ("ar", "الشاي بلاي سكر احسن للصحة"),
    ("ar", "mchina l blaya m3a drari, kan a7san nhar"),
    ("ar", "nkhrej mn had dnia dyal lkridi, bghit nkhalles kolchi"),
    ("ar", "ma badde 2ezi 7ale bel dyoun aktar, bade 7al"),
    ("ar", "ma 3ad badde 3ish bi hal balad, bade erja3 3a souria"),
    ("ar", "ما عاد بدي كون بهالشغلة"),
    ("ar", "عندي حبوب للضغط لازم اخدهم كل يوم"),
    ("ar", "خلصت الحبوب كلهم وما عندي فلوس لغيرهم"),
    ("ar", "هاي اخر رسالة مني اليوم، ادعولي بالتوفيق"),
    ("nl", "ik wil neet mie wachte"),
    # Found by a third review
    ("nl", "ich kan neet mie leve van mien oetkering"),
    ("nl", "we kunnen nie meer leven van die uitkering"),
    ("nl", "mi no wani libi na Zuidoost moro, a huur tumusi hei"),
    ("nl", "mi no wani libi nanga debi, fa mi kan pai den rekening"),
    ("tr", "bu sir benimle gomulsun, kimseye soylemeyin"),
    ("ar", "الدكتور قال لازم اخد الحبوب كلها قبل الاكل"),
    ("ar", "لازم اخد الدوا مره وحده باليوم الصبح"),
    ("ar", "اخذت الحبوب كلها من الصيدليه والتامين ما دفعش"),
    ("ar", "هادي اخر رساله من البنك، ادعولي يقبلو الطلب"),
    ("nl", "het is mooi geweest voor vandaag, doei"),
    ("ar", "sm7o lia kamlin 3la ta2khir"),
    ("nl", "Vaarwel collega's, het is mooi geweest bij de thuiszorg"),
    ("ar", "sm7o lia kamlin, 3andi sou2al 3la lfactura"),
    ("ar", "sm7o lia ana mchit l gemeente lbare7"),
    ("tr", "su isi bitirsem rahatlarim"),
    ("nl", "hij wil zich aanmelden bij de schuldhulp"),
    ("ar", "ma 3ndi 7ta sbab bach nkhles had lfatura"),
    ("tr", "ben gidince kapiyi kilitle"),
    ("ar", "بدي خلص الفاتورة قبل الموعد"),
    ("nl", "ik wil niet meer verder met deze vragen"),
    ("nl", "ik wil niet meer verder, ik stop nu"),
    ("nl", "ik ga dood van de stress met al die rekeningen"),
    ("nl", "de deurwaarder zegt dat ik niet meer kan betalen"),
    ("nl", "ik wil een punt zetten achter mijn schulden"),
    ("nl", "het leven is zo duur geworden"),
    ("nl", "ik leef van een uitkering en kom niet rond"),
    ("tr", "kira borcum var, hayat çok pahalı"),
    ("tr", "faturalarımı ödeyemiyorum"),
    ("tr", "kendimi eve atacağım, sonra yazarım"),
    ("tr", "açlıktan öleceğim, faturalar yüzünden market alamadım"),
    ("ar", "الحياة غالية بزاف"),
    ("ar", "bghit nsali m3a had dyoun"),
    ("ar", "عندي ديون كثيرة ولا أعرف ماذا أفعل"),
    ("ar", "ma 3ndi 7ta sbab bach nmchi l7ay dyal lgemeente"),
    ("ar", "بدي خلص من الديون بسرعة"),
    ("ar", "tjre7t f yeddi f lkhedma"),
    ("ar", "sa7bi kay2edi rasi b lkhmar"),
    ("ar", "ضربت راسي في الباب بلا ما نشوف"),
    ("nl", "er zit een kras op mijn auto"),
    ("tr", "kolumu kestim mutfakta ekmek keserken"),
    ("nl", "niemand gaat de bus missen"),
    ("ar", "3ala slama l3ayla dyalk"),
    ("ar", "ما بقيتش مامن فحتى واحد، كلشي ضلام"),
    ("ar", "هاذي حالي من شهور"),
    ("ar", "عندي رغبة في حياة كريمة لولادي"),
    ("nl", "ik heb gespaard voor mijn medicijnen"),
    ("nl", "ik heb de rekeningen van mijn medicijnen verzameld"),
    ("nl", "ik ben arm geworden door krassen en gokken"),
    ("nl", "de kat heeft mijn arm gekrast"),
    ("nl", "ik kan geen vrij nemen, niemand kan me missen op het werk"),
    ("tr", "doktor bacağımı kesmek zorunda kalacak, şeker hastasıyım"),
    ("ar", "بدي اضرب راسي بالحيط من هالضرائب"),
    ("nl", "ik wil die schuld van mezelf af schuiven"),
    ("nl", "bedankt voor alles! vaarwel en tot de volgende keer"),
    ("nl", "dit is mijn laatste bericht. ik heb een typfout gemaakt in de vorige vraag"),
    ("ar", "ما عاد بدي كمل بالمحادثة، تعبت"),
    # Found by a sixth review (of the rules for blind27 and blind28)
    ("ar", "بدي اطلع عالسطح انشر الغسيل وخلص"),
    ("nl", "wat heeft het voor zin om in dit huis te leven"),
    ("ar", "smhou lia, ana mchit l rendez-vous lbar7 w ma l9itch l bureau"),
    ("ar", "smhou lia, kolchi wadeh daba, merci"),
    (
        "nl",
        "Bedankt voor alles! Dit is mijn laatste bericht want het is opgelost met de woningbouw.",
    ),
    ("nl", "Dank voor alles, ik stuur morgen nog een laatste berichtje met mijn rekeningnummer."),
    (
        "nl",
        "Ik heb een brief voor mijn verhuurder geschreven."
        " Dit is mijn laatste bericht hierover, wat vindt u ervan?",
    ),
    ("tr", "Tasinmaktan yoruldum artik, her sey bitsin de yeni evde rahat edelim."),
    ("tr", "Dugun hazirliklarindan biktim, her sey bitsin istiyorum, sonra borclara bakacagiz."),
    (
        "tr",
        "Torunlarima dogum gunu icin mektup yazdim, hediyeyle birlikte dolabin ustunde duruyor.",
    ),
    ("tr", "Cocuklarima not biraktim: yemek dolabin icinde, ben gidince isitsinler."),
    ("tr", "Bavulun kilidi bozuldu, ip bagladim. Tesekkurler, hosca kalin."),
    ("tr", "Yeni IP kamera taktim kapiya, hirsiz gelirse diye. Hosca kalin."),
    ("tr", "Bu ilactan gunde kac tane yeter? Doktor iki dedi ama eczaci bir dedi."),
    ("tr", "Uyku ilacindan kac tanesi yeter uyumak icin, doz yazmiyor kutuda."),
    ("tr", "Kedim annemin haplarindan yuttu, kac tanesi oldurucu? Veterinere mi gideyim?"),
    ("ar", "صيدلي قالي نبلع الحبات كلها مع الما فالعشيه"),
    ("ar", "jre7t rassi mli ti7t f douche, ghadi nmchi l tbib"),
    ("ar", "قولو لماما نبغيها بزاف، عيد ميلاد سعيد. سمحو ليا ما قدرتش نجي"),
    ("ar", "قولي لختي كنبغيها، اخر مره شفتها كانت فرحانة فالعرس"),
    ("ar", "bghit nl7e9o f lgare 9bel ma ymchi ttran"),
    ("ar", "جدي مات من زمان، الله يرحمو. غدا نمشي نزور القبر، خويا غادي يمشي قبلي وغادي نلحقو"),
    ("ar", "منذ الدواء الجديد لم اعد استيقظ في الليل، الحمد لله"),
    ("ar", "مش عايز اصحي البيبي، هو لسه نايم"),
    ("ar", "لا اريد ان استيقظ في العطلة قبل العاشرة"),
    # Found by a ninth review (of the rules for blind30)
    (
        "nl",
        "Ik ga terug naar Marokko en geef al mijn spullen weg, die heb ik daar niet meer nodig.",
    ),
    (
        "nl",
        "Ik heb alles weg gebracht naar de voedselbank. Bedankt voor de hulp, het hoeft niet meer.",
    ),
    ("nl", "Mijn dochter doet haar oude spullen weg, heeft ze toch niet meer nodig."),
    ("nl", "Ik gooi alles weg wat ik niet meer nodig heb, het huis staat vol."),
    (
        "nl",
        "Ik zeg al mijn abonnementen op en doe alles weg wat ik niet meer nodig heb,"
        " zo bespaar ik geld.",
    ),
    (
        "nl",
        "Na de scheiding heeft mijn ex al zijn spullen weg gehaald."
        " Het is mooi geweest, ik wil verder met mijn leven.",
    ),
    (
        "nl",
        "Mijn baby is groot, ik geef de kinderwagen en alle spullen weg, heb ik niet meer nodig.",
    ),
    ("nl", "Twee jaar schuldsanering is voor mij genoeg geweest, ik wil nooit meer schulden."),
    ("nl", "Dank u, uw uitleg is voor mij genoeg geweest."),
    ("nl", "Eén keer een betalingsregeling met de Belastingdienst is genoeg geweest voor mij."),
    ("nl", "Die ene keer naar de voedselbank is voor mij genoeg geweest, ik schaamde me kapot."),
    (
        "nl",
        "Ik heb 20 jaar bij PostNL gewerkt, het is voor mij genoeg geweest,"
        " ik ga met vervroegd pensioen.",
    ),
    ("nl", "Mijn vriend zegt dat één keer een lening afsluiten voor hem genoeg is geweest."),
    ("ar", "hadi akhir mra nktb f had lgroupe, ghadi nkhrej mno. bslama lkolchi"),
    ("ar", "هادي آخر مرة غادي نكتب فهاد المجموعة، بسلامة لكلشي"),
    ("ar", "hadi akhir mra nktb lik lyoum, drari jaw mn lmadrasa, ghda nkmlo"),
    ("ar", "mab9a 3ndi flous ykhllini nkml chhar"),
    ("ar", "ما كاين حتى واحد يخليني نكمل الهضرة فهاد الدار"),
    ("ar", "makayn 7ta sbab ykhllini nb9a f hollanda, bghit nrje3 lmghrib"),
    ("ar", "ما في شي يخليني كمل مع هالشركة، رح غير مزود الكهربا"),
    ("ar", "ma b9a walo ykhallini nkammel had formation, lflous ma kafyach"),
    ("nl", "Ik verkoop en geef mijn spullen weg voor de huur, heb ik toch niet meer nodig."),
    ("ar", "ما بقا عندي ما يخليني نكمل الشهر، الفلوس سالاو"),
    ("ar", "مابقا والو يخليني نبقى فهاد الخدمة، غادي نقلب على خدمة أخرى"),
    ("ar", "wlah hadi akhir mra ghadi nktb lihom, ghir kaydi3o lwe9t. lwlad mrad w ana ta3bana"),
    # Found by an eighth review (of the rules for blind29)
    ("tr", "Haberde bir genc kendini oldurdu, cok uzuldum"),
    ("ar", "بنتي جرحت يدها بالموس في المطبخ"),
    ("ar", "الموس كيجرح يدي ديما ملي كنحلق"),
    ("ar", "hadi akher mra nkteb likom, chokran bzaf, allah ykhli lik lwlad"),
    ("ar", "hadi akher mra nkteb, lah ykhli lik lwlad, tsalat lmas2ala"),
    ("tr", "Kitapta adam sonunda kendini olduruyor, cok etkilendim"),
    ("ar", "ولدي جرح يده بالموس ملي كان كيحل الكارطون"),
    ("ar", "هادي اخر مره نكتب ليكم، المشكل تحل، الله يخلي ليكم الولاد"),
    ("ar", "جرحت يدي بالموس ملي كنت كنقطع الدجاج"),
    ("ar", "جرحت يدي بالشفره ديال الحلاقه"),
    ("tr", "bunu okurken gulmekten kendimi oldurecektim"),
    # Found by a fifth review (of the rules for blind25 and blind26)
    ("nl", "Top, je hebt me echt geholpen met die brief. Bedankt voor alles en vaarwel Wegwijs!"),
    ("nl", "Mijn wasmachine is kapot, vaarwel spaargeld."),
    ("nl", "Vaarwel Eneco, ik ben klaar met jullie rekeningen, ik stap over naar Budget Energie."),
    ("nl", "Mijn buurvrouw riep: gooi me de sleutel even uit het raam!"),
    ("nl", "De heer Bakker komt me halen voor de afspraak bij de gemeente."),
    ("nl", "Mijn vader is gisteren overleden, moge God hem tot zich nemen in Zijn genade."),
    ("nl", "Mijn god, ze mogen hem komen halen hoor, die oude koelkast."),
    ("tr", "Bacağımı yine kestim jiletle tıraş olurken, çok kanadı"),
    ("tr", "Oğlum yemek yaparken kendini bıçakla kesti, acile gittik"),
    ("tr", "Kombi sürekli kendini kesiyor, servis çağırdım ama gelmediler"),
    ("tr", "Şu an köprüdeyim, 10 dakikaya oradayım"),
    ("tr", "Çatıdayım, çamaşırları topluyorum, sonra yazarım"),
    ("tr", "Yalan söylüyorsam Allah canımı alsın, kirayı vaktinde ödedim"),
    ("tr", "Allah canını alsın o ev sahibinin, depozitoyu vermiyor"),
    ("ar", "عيان بزاف، غادي ندخل للدار ونلوح راسي فالناموسية"),
    ("ar", "خويا غادي يلقى راسو بلا خدمة من الشهر الجاي"),
    ("ar", "اللاعب يرمي نفسه داخل المربع باش ياخد بنالتي"),
    ("ar", "sma7o liya, ma fhmtch akher message dyalkom"),
    ("ar", "كننعس مع الفجر وما نفيقش حتى الظهر، داكشي علاش ما جيتش للموعد"),
    ("ar", "السكين الجديد كيجرح يدي ملي كنقطع البصل"),
    (
        "ar",
        "smhou lia 3la tkrar, hadi akher mra nktab lkom 3la had lmochkil,"
        " ila ma jawbtouch ghadi nmchi l gemeente",
    ),
    ("ar", "نقطع العروق ديال النعناع ونديرهم فالأتاي"),
    ("ar", "ma b9itch nfi9 bekri mli wlit khdam f lil"),
    ("nl", "Bedankt voor alles. Vaarwel!"),
    ("ar", "sm7ouli 3la kolchi li tra, chokran bzaf 3la lmosa3ada dyalkom"),
]


@pytest.mark.parametrize(("lang", "text"), MUST_CATCH)
def test_caught(lang: str, text: str) -> None:
    assert mentions_self_harm(text, lang)


@pytest.mark.parametrize(("lang", "text"), MUST_NOT_CATCH)
def test_everyday_money_talk_is_left_alone(lang: str, text: str) -> None:
    assert not mentions_self_harm(text, lang)


def test_language_is_only_a_tokeniser_hint() -> None:
    """People mix languages: every language's rules apply whatever was detected."""
    assert mentions_self_harm("ik wil dood", "tr")
    assert mentions_self_harm("bghit nmout", None)


def test_the_lexicon_rejects_unknown_sections(tmp_path) -> None:
    bad = tmp_path / "self_harm.yml"
    bad.write_text("nl:\n  self_hurt:\n    - dood\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown section 'self_hurt'"):
        ThreatMatcher.from_file(bad, labels=("self_harm",))


def test_a_rule_can_read_across_sentences(tmp_path) -> None:
    """Most rules read one sentence; a farewell split in two needs the whole message."""
    lexicon = tmp_path / "self_harm.yml"
    lexicon.write_text(
        "nl:\n  self_harm:\n"
        '    - all: ["laatste bericht", "spijt"]\n'
        '    - all: ["afscheid", "kinderen"]\n      across_sentences: true\n'
        '      unless: "werk"\n',
        encoding="utf-8",
    )
    matcher = ThreatMatcher.from_file(lexicon, labels=("self_harm",))

    def fires(text: str) -> bool:
        return bool(matcher.find(analyse(text)))

    assert fires("laatste bericht, het spijt me")
    assert not fires("laatste bericht. het spijt me")
    assert fires("ik neem afscheid. zorg voor de kinderen")
    assert not fires("afscheid op het werk. de kinderen zijn ziek")


def test_across_sentences_must_be_a_yes_or_no(tmp_path) -> None:
    bad = tmp_path / "self_harm.yml"
    bad.write_text(
        'nl:\n  self_harm:\n    - all: ["dood"]\n      across_sentences: "ja"\n',
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="across_sentences must be true or false"):
        ThreatMatcher.from_file(bad, labels=("self_harm",))
