package dev.inorder.query;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a list. Pass {@code nextCursor} back as {@code cursor} for the next page; it is {@code null} on the last.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * A page from a query that read up to one row more than {@code limit}: that extra row only says another page
     * follows, whose cursor is the position of this page's last item.
     */
    public static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, Long.toString(position.applyAsLong(page.get(limit - 1))));
    }
}
