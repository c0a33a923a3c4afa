//! Ada's lived-in inbox: its people, businesses and subjects, a thread, Greek and Hebrew
//! subjects, HTML, attachments, receipts, travel, family, the bulk of the inbox, sent mail,
//! spam and trash, and a draft (the hostile messages last).

use chrono::{DateTime, Utc};

use super::hostile::hostile;
use super::seeder::{addr, me, Person, Seeder};
use crate::gmail::store::{new_draft_id, Draft, Mailbox};
use crate::seed::mime::Attachment;
use crate::util::Rng;
use crate::ACCOUNTS;

const PEOPLE: &[Person] = &[
    ("Charles Babbage", "charles@analytical.example"),
    ("Mary Somerville", "mary@somerville.example"),
    ("Augustus De Morgan", "augustus@ucl.example"),
    ("Anna Wheeler", "anna@wheeler.example"),
    ("Michael Faraday", "michael@royalinstitution.example"),
    ("Sophie Germain", "sophie@germain.example"),
    ("Νίκος Παπαδόπουλος", "nikos@example.gr"),
    ("יעל כהן", "yael@example.co.il"),
    ("Hannah Lovelace", "hannah@family.example"),
    ("William King", "william@family.example"),
];

const BUSINESSES: &[Person] = &[
    ("Bookshop Receipts", "receipts@bookshop.example"),
    ("RailEurope", "tickets@rail.example"),
    ("SkyAir", "no-reply@skyair.example"),
    ("The Weekly Engine", "newsletter@weeklyengine.example"),
    ("City Library", "notices@library.example"),
    ("Bank of Albion", "alerts@albionbank.example"),
];

const SUBJECTS: &[(&str, &str)] = &[
    ("Notes on the Engine", "I've gone through your notes on the Engine again. The section on Bernoulli numbers is remarkable; can we discuss the loop structure on Thursday?"),
    ("Tea on Sunday?", "Would you like to come for tea on Sunday afternoon? Bring the latest translation if you can."),
    ("Lecture tickets", "I have two spare tickets for Friday's lecture at the Royal Institution. Interested?"),
    ("Re: punch cards", "The weaver in Lyon says he can deliver the new cards next month. Pricing attached in the next mail."),
    ("Draft chapter", "Here is the draft chapter. Be merciless with the red pen & tell me where the argument is thin."),
    ("Quick question about the tables", "Is table 3 in degrees or radians? The figures don't match my copy."),
    ("Dinner next week", "Are you free for dinner next Wednesday? The usual place at 7."),
    ("Conference in Turin", "The committee confirmed: we present on the second morning. Slides due in two weeks."),
    ("Garden club minutes", "Minutes of last meeting below. Next meeting: bring seeds to swap."),
    ("Reading list", "A few books you might enjoy: 'On the Connexion of the Physical Sciences', 'Formal Logic', and anything by Faraday."),
    ("Photos from the weekend", "Sharing a few photos from the weekend walk, the light on the hills was wonderful."),
    ("Thesis feedback", "Thanks for reading my thesis. I've addressed your comments on chapter 2 <see margin notes>."),
];

const NEWSLETTER_SUBJECTS: &[&str] = &[
    "This week in engines: 5 things you missed",
    "Your monthly statement is ready",
    "Library notice: items due soon",
    "Weekend sale: 20% off all notebooks",
    "Service update for your account",
];

/// A 1×1 PNG.
const TINY_PNG: [u8; 67] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// A tiny but valid PDF, so attachment sizes and hashes are real.
fn receipt_pdf(n: u32) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n% receipt {n}\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

pub fn ada(rng: &mut Rng, now: DateTime<Utc>) -> Mailbox {
    let account = ACCOUNTS[0];
    let mut mailbox = Mailbox::new(
        account.email,
        &[
            ("Receipts", Some(("#ffffff", "#16a765"))),
            ("Travel", Some(("#ffffff", "#4986e7"))),
            ("Family", Some(("#ffffff", "#f691b2"))),
            ("Work/Projects", None),
        ],
    );
    let mut s = Seeder {
        mailbox: &mut mailbox,
        rng,
        now,
        count: 0,
    };
    let ada = me(&account);
    let mut minutes = 12i64;

    // A three-message thread: a question, Ada's reply, the answer (newest first in the inbox).
    let first = s.mail(
        addr(&PEOPLE[0]),
        vec![ada.clone()],
        "Plans for the weekend",
        "Shall we test the difference engine model on Saturday? I can bring the new gears.",
        60 * 30,
    );
    let first_id = first.message_id.clone();
    s.add(first, &["INBOX", "CATEGORY_PERSONAL"]);
    let mut reply = s.mail(ada.clone(), vec![addr(&PEOPLE[0])], "Re: Plans for the weekend", "Saturday works. Come at ten, I'll have the notes ready.\n\n> Shall we test the difference engine model on Saturday?", 60 * 28);
    reply.in_reply_to = Some(first_id);
    let reply_id = reply.message_id.clone();
    s.add(reply, &["SENT"]);
    let mut answer = s.mail(
        addr(&PEOPLE[0]),
        vec![ada.clone()],
        "Re: Plans for the weekend",
        "Ten it is. I'll bring coffee too.",
        60 * 26,
    );
    answer.in_reply_to = Some(reply_id);
    s.add(
        answer,
        &["INBOX", "UNREAD", "IMPORTANT", "CATEGORY_PERSONAL"],
    );

    // Greek and Hebrew subjects, RFC 2047-encoded as real mail is.
    let greek = s.mail(
        addr(&PEOPLE[6]),
        vec![ada.clone()],
        "Συνάντηση την Πέμπτη",
        "Γεια σου Ada,\n\nΜπορούμε να συναντηθούμε την Πέμπτη στις 11; Θα φέρω τα σχέδια.\n\nΝίκος",
        minutes,
    );
    s.add(greek, &["INBOX", "UNREAD", "CATEGORY_PERSONAL"]);
    minutes += 95;
    let hebrew = s.mail(
        addr(&PEOPLE[7]),
        vec![ada.clone()],
        "ארוחת ערב ביום שישי",
        "שלום עדה,\n\nרצינו להזמין אותך לארוחת ערב ביום שישי בשבע.\n\nיעל",
        minutes,
    );
    s.add(hebrew, &["INBOX", "CATEGORY_PERSONAL", "Label_3"]);
    minutes += 140;

    // HTML newsletter whose HTML carries markup a client must sanitize.
    let mut news = s.mail(
        addr(&BUSINESSES[3]),
        vec![ada.clone()],
        "The Weekly Engine — issue 42",
        "The Weekly Engine, issue 42. Gears, cards and looms: what's new this week.",
        minutes,
    );
    news.html = Some("<html><body><h1>The Weekly Engine</h1><p><b>Gears, cards and looms</b>: what's new this week.</p><script>alert(1)</script><img src=x onerror=alert(1)><img src=\"https://images.example.com/open.gif?u=ada\" width=1 height=1><p><a href=\"https://example.com/read\">Read more</a></p></body></html>".into());
    news.list_unsubscribe = true;
    s.add(news, &["INBOX", "UNREAD", "CATEGORY_PROMOTIONS"]);
    minutes += 200;

    // HTML with an image of its own (`cid:`), in Hebrew: right to left.
    let mut photo = s.mail(
        addr(&PEOPLE[7]),
        vec![ada.clone()],
        "תמונה מהטיול",
        "הנה התמונה מהטיול שלנו.",
        minutes,
    );
    photo.html = Some("<html><body dir=\"rtl\"><p>הנה התמונה מהטיול שלנו.</p><img src=\"cid:trip-photo@seed\" alt=\"הטיול\"></body></html>".into());
    photo.inline_image = Some((
        "trip-photo@seed".into(),
        Attachment {
            filename: "trip.png",
            content_type: "image/png",
            bytes: TINY_PNG.to_vec(),
        },
    ));
    s.add(photo, &["INBOX", "CATEGORY_PERSONAL"]);
    minutes += 45;

    // Receipts with PDF attachments.
    for n in 0..3u32 {
        let mut receipt = s.mail(
            addr(&BUSINESSES[0]),
            vec![ada.clone()],
            &format!("Your receipt #{}", 1042 + n),
            "Thank you for your order. Your receipt is attached.\nTotal: £24.50",
            minutes,
        );
        receipt.attachment = Some(Attachment {
            filename: "receipt.pdf",
            content_type: "application/pdf",
            bytes: receipt_pdf(1042 + n),
        });
        let unread = if n == 0 { "UNREAD" } else { "CATEGORY_UPDATES" };
        s.add(receipt, &["INBOX", unread, "CATEGORY_UPDATES", "Label_1"]);
        minutes += 600 + s.rng.below(300) as i64;
    }

    // Travel.
    let flight = s.mail(
        addr(&BUSINESSES[2]),
        vec![ada.clone()],
        "Your flight to Lisbon: booking confirmed",
        "Booking reference QX7P2L. Depart 08:05, arrive 10:45. Seat 14A.",
        minutes,
    );
    s.add(
        flight,
        &[
            "INBOX",
            "STARRED",
            "IMPORTANT",
            "CATEGORY_UPDATES",
            "Label_2",
        ],
    );
    minutes += 300;
    let train = s.mail(
        addr(&BUSINESSES[1]),
        vec![ada.clone()],
        "E-ticket: London to Paris",
        "Your e-ticket is ready. Coach 7, seat 61.",
        minutes,
    );
    s.add(train, &["INBOX", "CATEGORY_UPDATES", "Label_2"]);
    minutes += 420;

    // Family.
    for (i, (subject, text)) in [
        (
            "Sunday lunch",
            "Lunch at ours on Sunday? Mother is making her pie.",
        ),
        (
            "Birthday plans",
            "What should we get for Father's birthday? Ideas welcome!",
        ),
    ]
    .iter()
    .enumerate()
    {
        let m = s.mail(
            addr(&PEOPLE[8 + i]),
            vec![ada.clone()],
            subject,
            text,
            minutes,
        );
        s.add(m, &["INBOX", "CATEGORY_PERSONAL", "Label_3"]);
        minutes += 500;
    }

    // The bulk of the inbox: people and businesses, some unread, some starred.
    let mut n = 0;
    while s.mailbox.messages.iter().filter(|m| m.has("INBOX")).count() < 50 {
        n += 1;
        if s.rng.chance(70) {
            let person = *s.rng.pick(&PEOPLE[..6]);
            let (subject, text) = *s.rng.pick(SUBJECTS);
            let mut m = s.mail(addr(&person), vec![ada.clone()], subject, text, minutes);
            if s.rng.chance(25) {
                let other = *s.rng.pick(&PEOPLE[..6]);
                m.cc.push(addr(&other));
            }
            let mut labels = vec!["INBOX", "CATEGORY_PERSONAL"];
            if s.rng.chance(35) {
                labels.push("UNREAD");
            }
            if s.rng.chance(10) {
                labels.push("STARRED");
            }
            if s.rng.chance(10) {
                labels.push("Label_4");
            }
            s.add(m, &labels);
        } else {
            let business = *s.rng.pick(&BUSINESSES[3..]);
            let subject = *s.rng.pick(NEWSLETTER_SUBJECTS);
            let mut m = s.mail(
                addr(&business),
                vec![ada.clone()],
                subject,
                &format!("{subject}. Manage your preferences at any time. (#{n})"),
                minutes,
            );
            m.list_unsubscribe = true;
            let category = if subject.contains("sale") {
                "CATEGORY_PROMOTIONS"
            } else {
                "CATEGORY_UPDATES"
            };
            let mut labels = vec!["INBOX", category];
            if s.rng.chance(50) {
                labels.push("UNREAD");
            }
            s.add(m, &labels);
        }
        minutes += 180 + s.rng.below(900) as i64;
    }

    // Sent mail.
    for (i, (subject, text)) in [
        (
            "Translation of Menabrea",
            "Attached are my notes on the translation; they have grown longer than the paper.",
        ),
        ("Re: Lecture tickets", "Yes please! See you on Friday."),
        (
            "Question about gears",
            "How many teeth on the second wheel?",
        ),
    ]
    .iter()
    .enumerate()
    {
        let to = addr(&PEOPLE[i + 1]);
        let m = s.mail(
            ada.clone(),
            vec![to],
            subject,
            text,
            60 * (40 + 24 * i as i64),
        );
        s.add(m, &["SENT"]);
    }

    // Spam and trash, excluded from lists unless asked for.
    let spam = s.mail(
        ("Prince of Elsewhere".into(), "prince@spam.example".into()),
        vec![ada.clone()],
        "You have won 1,000,000 guineas",
        "Send your bank details to claim.",
        60 * 5,
    );
    s.add(spam, &["SPAM", "UNREAD"]);
    let trash = s.mail(
        addr(&BUSINESSES[5]),
        vec![ada.clone()],
        "Old statement",
        "Your statement from last year.",
        60 * 24 * 20,
    );
    s.add(trash, &["TRASH"]);

    // A draft.
    let draft = s.mail(
        ada.clone(),
        vec![addr(&PEOPLE[1])],
        "Notes for Thursday",
        "Mary, here are my thoughts so far:\n- the engine\n- the loom",
        45,
    );
    let (message_id, _) = s.add(draft, &["DRAFT"]);
    let draft_id = new_draft_id(s.rng);
    // Last, so every message above keeps the ids and boundaries it always had.
    hostile(&mut s, &ada);
    mailbox.drafts.push(Draft {
        id: draft_id,
        message_id,
    });
    mailbox
}
