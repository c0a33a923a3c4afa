use super::*;

fn item(progress: Progress, via_draft: bool) -> Item {
    Item {
        id: "tag1".into(),
        email: "ada@example.com".into(),
        to: "bob@example.com".into(),
        subject: "Καλημέρα".into(),
        attachments: 1,
        thread_id: None,
        via_draft,
        progress,
        queued_ms: 0,
        note: None,
    }
}

#[test]
fn a_fresh_item_writes_its_draft_and_records_that_first() {
    let fresh = item(Progress::Waiting { draft: None }, true);
    let step = fresh.next_step();
    assert_eq!(step, Step::Write(None));
    assert_eq!(before(&step), Some(Progress::Writing { draft: None }));
}

#[test]
fn a_write_interrupted_looks_for_the_draft_before_making_another() {
    let interrupted = item(Progress::Writing { draft: None }, true);
    assert_eq!(interrupted.next_step(), Step::FindThenWrite);
    assert_eq!(before(&Step::FindThenWrite), None);
    // With the form's own draft, updating it again is harmless.
    let update = item(
        Progress::Writing {
            draft: Some("d1".into()),
        },
        true,
    );
    assert_eq!(update.next_step(), Step::Write(Some("d1".into())));
}

#[test]
fn once_drafted_only_drafts_send_of_that_id_remains_even_after_a_restart() {
    let drafted = advance(
        item(Progress::Writing { draft: None }, true),
        After::Written("d9".into()),
    )
    .expect("still waiting");
    assert_eq!(drafted.progress, Progress::Drafted { id: "d9".into() });
    let restarted = on_restart(drafted.clone());
    assert_eq!(restarted, drafted);
    assert_eq!(restarted.next_step(), Step::SendDraft("d9".into()));
    // A failed or unsure drafts.send keeps the id: the next try is the same safe send.
    let unsure = advance(restarted, After::Unsure("lost".into())).expect("kept");
    assert_eq!(unsure.next_step(), Step::SendDraft("d9".into()));
    let failed = advance(unsure, After::NotSent("503".into())).expect("kept");
    assert_eq!(failed.next_step(), Step::SendDraft("d9".into()));
    assert_eq!(failed.note.as_deref(), Some("503"));
}

#[test]
fn sent_or_gone_leaves_the_outbox() {
    assert_eq!(
        advance(
            item(Progress::Drafted { id: "d".into() }, true),
            After::Sent
        ),
        None
    );
    assert_eq!(
        advance(item(Progress::SendingOnly, false), After::Sent),
        None
    );
}

#[test]
fn send_only_records_the_attempt_and_a_crash_during_it_waits_for_the_user() {
    let fresh = item(Progress::Waiting { draft: None }, false);
    assert_eq!(fresh.next_step(), Step::SendOnly);
    assert_eq!(before(&Step::SendOnly), Some(Progress::SendingOnly));
    let crashed = on_restart(item(Progress::SendingOnly, false));
    assert_eq!(crashed.progress, Progress::Unsure);
    assert_eq!(crashed.next_step(), Step::AskUser);
    assert_eq!(crashed.status(), crate::i18n::t(STATUS_UNSURE));
    // Only the user's Send anyway tries again.
    let again = send_anyway(crashed);
    assert_eq!(again.next_step(), Step::SendOnly);
    assert_eq!(again.note, None);
}

#[test]
fn send_only_unsure_is_never_retried_but_certainly_not_sent_is() {
    let unsure = advance(
        item(Progress::SendingOnly, false),
        After::Unsure("maybe".into()),
    )
    .expect("kept");
    assert_eq!(unsure.next_step(), Step::AskUser);
    let not_sent = advance(
        item(Progress::SendingOnly, false),
        After::NotSent("429".into()),
    )
    .expect("kept");
    assert_eq!(not_sent.next_step(), Step::SendOnly);
}

#[test]
fn send_anyway_changes_nothing_but_an_unsure_item() {
    let drafted = item(Progress::Drafted { id: "d".into() }, true);
    assert_eq!(send_anyway(drafted.clone()), drafted);
}

#[test]
fn edit_keeps_the_gmail_draft_the_message_is_in() {
    assert_eq!(
        item(Progress::Drafted { id: "d".into() }, true)
            .draft()
            .as_deref(),
        Some("d")
    );
    assert_eq!(
        item(
            Progress::Waiting {
                draft: Some("f".into())
            },
            true
        )
        .draft()
        .as_deref(),
        Some("f")
    );
    assert_eq!(item(Progress::Unsure, false).draft(), None);
}

#[test]
fn items_belong_to_their_account_only() {
    let it = item(Progress::Waiting { draft: None }, true);
    assert!(it.belongs_to("Ada@Example.com"));
    assert!(!it.belongs_to("bob@example.com"));
}

#[test]
fn records_survive_serialization_and_old_records_without_a_note_read() {
    let it = item(Progress::Drafted { id: "d1".into() }, true);
    let text = serde_json::to_string(&it).expect("json");
    assert_eq!(serde_json::from_str::<Item>(&text).ok(), Some(it.clone()));
    let without_note = text.replace(",\"note\":null", "");
    assert_eq!(serde_json::from_str::<Item>(&without_note).ok(), Some(it));
    assert!(serde_json::from_str::<Item>("{\"id\":3}").is_err());
}

#[test]
fn only_an_offline_browser_queues_at_send() {
    assert!(queue_at_send(false));
    assert!(!queue_at_send(true));
}
