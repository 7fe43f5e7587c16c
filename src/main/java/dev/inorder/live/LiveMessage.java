package dev.inorder.live;

/**
 * One Server-Sent Event of {@code GET /live}: {@code type} is {@code match} (a match's state after the events just
 * applied), {@code event} (a discrete event: goal, statfeed, match ended…) or {@code queue} (the status tick).
 *
 * @param match the match's guid, {@code null} for {@code queue}
 */
public record LiveMessage(String type, String match, Object data) {
}
