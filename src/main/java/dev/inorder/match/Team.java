package dev.inorder.match;

/** A team as UpdateState reports it: 0 is blue, 1 is orange. */
public record Team(int teamNum, String name, int score) {
}
