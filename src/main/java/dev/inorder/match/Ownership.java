package dev.inorder.match;

import java.util.Map;
import java.util.Set;

/**
 * Who may report a match: the sender that created it, and the senders its owner allows (a spectator PC and a
 * player's PC may both report one online match). Events from anyone else are skipped and counted, not applied.
 */
@FunctionalInterface
public interface Ownership {

    boolean mayReport(String owner, String sender);

    /** No sender identities configured: any sender may report any match, as before sender keys existed. */
    Ownership ANYONE = (owner, sender) -> true;

    /** The owner, or a sender in its allowed set. */
    static Ownership of(Map<String, Set<String>> allowedByOwner) {
        return (owner, sender) -> owner.equals(sender) || allowedByOwner.getOrDefault(owner, Set.of()).contains(sender);
    }
}
