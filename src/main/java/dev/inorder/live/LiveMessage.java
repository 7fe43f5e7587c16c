package dev.inorder.live;

/**
 * One Server-Sent Event of {@code GET /live}: {@code type} is {@code match} (a match's state after the events just
 * applied), {@code event} (a discrete event: goal, statfeed, match ended…) or {@code queue} (the status tick).
 *
 * @param match the match's guid, {@code null} for {@code queue}
 * @param data for {@code match}, the {@link dev.inorder.match.Match} inside the feed, and its
 *        {@link dev.inorder.query.MatchView} once written for {@code /live}
 */
public record LiveMessage(String type, String match, Object data) {
}
