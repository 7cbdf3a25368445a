using Qalam.Localization;
using Qalam.Posts;

namespace Qalam.SampleContent;

public sealed record SampleComment(string Name, string Body, bool IsReply = false, bool Approved = true, string? Website = null);

// DaysAgo null is a draft; a negative value is scheduled in the future.
public sealed record SamplePost(PostDraft Draft, int? DaysAgo, IReadOnlyList<SampleComment> Comments);

public sealed record SampleBlog(string Handle, string Title, string Description, string Language, IReadOnlyList<SamplePost> Posts);

// Original text written for Qalam; the verse quoted is centuries old and in the public domain.
public static class SampleBlogs
{
    public static readonly IReadOnlyList<SampleBlog> All =
    [
        new("dariche", "دریچه", "یادداشت‌هایی درباره شعر، آشپزی و روزهای معمولی", Languages.Persian,
        [
            new(new PostDraft("فال حافظ در شب یلدا",
                """
                شب یلدا که می‌رسد، دیوان حافظ از قفسه پایین می‌آید. در خانه ما همیشه کوچک‌ترین عضو خانواده کتاب را باز می‌کرد و بزرگ‌ترها غزل را بلند می‌خواندند.

                > الا یا ایها الساقی ادر کاسا و ناولها\
                > که عشق آسان نمود اول ولی افتاد مشکل‌ها

                فال حافظ برای ما بیشتر بهانه گفت‌وگو بود تا پیشگویی. هر کس معنای غزل را به زندگی خودش ربط می‌داد و بحث تا نیمه‌شب ادامه پیدا می‌کرد. انار و هندوانه هم بخشی از همین آیین بود.

                امسال هم دیوان را باز کردیم. غزلی آمد که دربارهٔ صبر بود، و همه خندیدیم، چون منتظر بهار بودیم.
                """, Languages.Persian, ["حافظ", "یلدا", "شعر"]), 40,
            [
                new("مریم", "ما هم هر سال همین کار را می‌کنیم. فال امسال من درباره سفر بود!"),
                new("نویسنده", "چه فال خوبی! امیدوارم سفر خوبی در پیش داشته باشید.", IsReply: true),
                new("رضا", "انار و فال حافظ، ترکیبی که هیچ‌وقت قدیمی نمی‌شود."),
                new("ناشناس", "این نظر هنوز منتظر تأیید است.", Approved: false),
            ]),
            new(new PostDraft("ديوان حافظ را از کدام چاپ بخوانيم؟",
                """
                چاپ‌های گوناگونی از دیوان حافظ در بازار هست: تصحیح قزوینی و غنی، تصحیح خانلری و چاپ‌های تازه‌تر. تفاوت آن‌ها در شمار غزل‌ها، ترتیب بیت‌ها و گاهی در یک واژه است.

                برای خواندن روزانه، چاپی با حروف درشت و حاشیه کم‌شلوغ را ترجیح می‌دهم. برای مقایسه، نسخه‌ای با نسخه‌بدل‌ها به کار می‌آید.

                > در ازل پرتو حسنت ز تجلی دم زد\
                > عشق پیدا شد و آتش به همه عالم زد

                پیشنهاد من: یک چاپ ساده برای همراه داشتن، و یک چاپ انتقادی برای قفسه.
                """, Languages.Persian, ["حافظ", "کتاب", "شعر"]), 32, []),
            new(new PostDraft("رباعیات خیام در شب‌های پاییز",
                """
                پاییز فصل خیام است. رباعی‌هایی که از گذر عمر می‌گویند، در غروب‌های کوتاه آبان معنای دیگری پیدا می‌کنند.

                > این قافله عمر عجب می‌گذرد\
                > دریاب دمی که با طرب می‌گذرد

                خیام ریاضی‌دان و منجم هم بود و تقویم جلالی را با گروهی از دانشمندان تنظیم کرد؛ همان تقویمی که امروز هم تاریخ‌هایمان را با آن می‌نویسیم.
                """, Languages.Persian, ["خیام", "شعر", "پاییز"]), 25,
            [
                new("سارا", "نمی‌دانستم خیام در تنظیم تقویم هم نقش داشته. ممنون!"),
            ]),
            new(new PostDraft("نان سنگک و صبح جمعه",
                """
                صبح جمعه، صف نانوایی سنگکی محله کوتاه نیست، اما کسی عجله ندارد. نان داغ روی سنگ‌های تنور پخته می‌شود و بوی کنجد تا سر کوچه می‌رود.

                با پنیر و گردو و سبزی خوردن، صبحانه‌ای ساده و کامل داریم. راز نان خوب، به گفته نانوای محله، خمیری است که وقت کافی برای ور آمدن داشته باشد.
                """, Languages.Persian, ["آشپزی", "نان"]), 18, []),
            new(new PostDraft("قورمه‌سبزی به روش مادربزرگ",
                """
                قورمه‌سبزی را باید با حوصله پخت. سبزی‌ها — تره، جعفری، گشنیز و کمی شنبلیله — را ریز خرد و آرام تفت می‌دهیم تا رنگشان تیره شود.

                لوبیا قرمز و لیموعمانی را جداگانه آماده می‌کنیم. مادربزرگ می‌گفت خورش باید دست‌کم سه ساعت روی شعله ملایم بماند تا جا بیفتد.

                نکته آخر: یک روز بعد، قورمه‌سبزی خوش‌طعم‌تر است.
                """, Languages.Persian, ["آشپزی", "خورش"]), 12,
            [
                new("علی", "شنبلیله را اگر زیاد بریزید تلخ می‌شود؛ این را به تجربه یاد گرفتم."),
            ]),
            new(new PostDraft("باغ ایرانی و صدای آب",
                """
                باغ ایرانی بر پایه آب ساخته می‌شود. جوی‌ها باغ را به چهار بخش تقسیم می‌کنند و حوض در میانه، آسمان را در خود دارد.

                در باغ فین کاشان، آب از چشمه‌ای در کوه می‌آید و با شیب ملایم از فواره‌ها می‌گذرد. صدای آب همان چیزی است که باغ را زنده نگه می‌دارد.
                """, Languages.Persian, ["باغ", "معماری"]), 8, []),
            new(new PostDraft("سعدی، گلستان و سفر",
                """
                سعدی سال‌ها سفر کرد و گلستان حاصل همان دیده‌ها و شنیده‌هاست. حکایت‌های کوتاه و نثر آهنگینش هنوز تازه است.

                > بنی آدم اعضای یکدیگرند\
                > که در آفرینش ز یک گوهرند

                هر بار که گلستان را باز می‌کنم، حکایتی پیدا می‌کنم که انگار برای امروز نوشته شده است.
                """, Languages.Persian, ["سعدی", "شعر", "سفر"]), 5, []),
            new(new PostDraft("Reading Hafez in English translation",
                """
                Hafez (also spelled Hafiz) is hard to carry into English. A single ghazal moves between wine, love and the divine, and a translator must choose which of these to keep.

                Some translators keep the rhyme and lose the ambiguity; others keep the ambiguity and lose the music. Reading two versions side by side, with the Persian in the middle, is the closest an English reader can come to the original.

                > Every line is a door that opens onto a garden, and every garden onto another door.

                That sentence is mine, not his, but it is how reading Hâfez feels.
                """, Languages.English, ["حافظ", "ترجمه", "شعر"]), 2, []),
            new(new PostDraft("یادداشت‌هایی درباره فردوسی", "این پیش‌نویس هنوز منتشر نشده است.", Languages.Persian, ["فردوسی"]), null, []),
            new(new PostDraft("شاهنامه‌خوانی در زمستان", "این مطلب برای آینده زمان‌بندی شده است.", Languages.Persian, ["فردوسی", "شعر"]), -30, []),
        ]),
        new("fieldnotes", "Field Notes", "A small garden, long walks, and the books read between them", Languages.English,
        [
            new(new PostDraft("Planting garlic in late autumn",
                """
                Garlic wants a cold spell to form proper bulbs, which is why it goes into the ground as the leaves come down.

                Break the heads into cloves the day you plant, keep the largest ones, and set them pointed end up, two finger-widths deep and a hand apart. A mulch of leaves keeps the soil from heaving in a hard frost.

                By midsummer the leaves yellow from the bottom up, and that is the sign to lift them.
                """, Languages.English, ["garden", "autumn"]), 45,
            [
                new("Dana", "Do you soak the cloves before planting? A neighbour swears by it."),
                new("Field Notes", "I have tried both and saw no difference, but it does no harm.", IsReply: true),
                new("Sam", "Mulching made all the difference for my garlic last winter.", Website: "https://example.org"),
            ]),
            new(new PostDraft("What the first frost does to a vegetable bed",
                """
                The first frost came three weeks early this year. The courgettes collapsed overnight, but the kale and leeks stood up straighter, as they always do in the cold.

                Frost turns starch into sugar in many roots, so parsnips lifted after a frost taste sweeter. The garden is not finished; it changes cast.
                """, Languages.English, ["garden", "weather"]), 30, []),
            new(new PostDraft("A slow morning with a stovetop coffee pot",
                """
                The stovetop pot is not fast, and that is its charm. Fill the base with water to just below the valve, add ground coffee without tamping, and listen for the gurgle.

                Take it off the heat as soon as it starts to sputter; a minute longer and the coffee turns bitter.
                """, Languages.English, ["coffee", "mornings"]), 21, []),
            new(new PostDraft("Walking the coast path in November",
                """
                In November the coast path is empty. The wind off the sea is sharp, the light is low by three in the afternoon, and the cliffs are loud with gulls.

                A flask, a map and a spare layer are all the kit a day needs. Check the tide times before you set out: some coves are cut off at high water.
                """, Languages.English, ["walking", "weather"]), 14, []),
            new(new PostDraft("Saving tomato seeds for next year",
                """
                Seeds from open-pollinated tomatoes come true, so saving them is worthwhile. Scoop the seeds with their jelly into a jar, add a little water, and let it ferment for three days.

                Rinse, spread on a plate to dry, and store in a paper envelope, labelled. Next spring they will sprout like any bought seed.
                """, Languages.English, ["garden", "seeds"]), 9, []),
            new(new PostDraft("Reading Khayyam on a rainy afternoon",
                """
                Omar Khayyam was an astronomer and mathematician before he was a poet to English readers. His quatrains reached the West through Edward FitzGerald's free version of 1859.

                > A Book of Verses underneath the Bough,\
                > A Jug of Wine, a Loaf of Bread — and Thou

                On a rainy afternoon with no garden work to do, the Rubaiyat is the right length: a few quatrains, a cup of tea, and a window.
                """, Languages.English, ["books", "poetry"]), 4, []),
            new(new PostDraft("Notes on the Rubaiyat of Omar Khayyám",
                """
                FitzGerald's Rubaiyat is less a translation than a new poem built from Khayyám's quatrains. Later translators went back to the Persian and found a drier, more questioning voice.

                Reading both is instructive: the English poem is Victorian melancholy; the Persian quatrains are sharper and stranger.
                """, Languages.English, ["books", "poetry"]), 1, []),
        ]),
    ];
}
