package io.aria.mt5;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aria.mt5.internal.MalformedMessageException;
import io.aria.mt5.internal.Msg;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a paged reply (PROTOCOL.md 2, 5.2, 5.11): a terminal that would pass the 1 MiB frame
 * limit answers part of the list with {@code "more":true} and a {@code next} cursor; the same
 * request is sent again with {@code cursor} set to it until a reply says {@code more} is false.
 * A terminal that never ends is cut off after {@link #MAX_PAGES} pages (one warning line; what
 * came is used). I/O thread only.
 */
final class Pages {

    private static final Logger LOG = LoggerFactory.getLogger(Mt5Connection.class);
    /** Pages of one answer at most: 256 pages of 1 MiB are some 800,000 deals or 400,000 symbols. */
    static final int MAX_PAGES = 256;

    /** Receives the pages of one answer, once. */
    interface Handler {
        /**
         * @param pages every reply in order; the last is {@code ok:false} when the terminal
         *              refused a page, and the earlier ones were {@code ok:true}
         */
        void onPages(List<Msg> pages);

        void onFailure(Mt5Connection.Failure failure);
    }

    private final Mt5Connection conn;
    private final ObjectNode request;
    private final long timeoutNanos;
    private final int maxPages;
    private final Handler handler;
    private final List<Msg> pages = new ArrayList<>();

    private Pages(Mt5Connection conn, ObjectNode request, long timeoutNanos, int maxPages, Handler handler) {
        this.conn = conn;
        this.request = request.deepCopy();
        this.timeoutNanos = timeoutNanos;
        this.maxPages = maxPages;
        this.handler = handler;
    }

    /**
     * Sends the request and every continuation; the handler hears the whole answer once.
     *
     * @param request      the first request, without {@code cursor}; its other fields are sent
     *                     unchanged on every page
     * @param timeoutNanos per page
     */
    static void fetch(Mt5Connection conn, ObjectNode request, long timeoutNanos, Handler handler) {
        fetch(conn, request, timeoutNanos, MAX_PAGES, handler);
    }

    static void fetch(Mt5Connection conn, ObjectNode request, long timeoutNanos, int maxPages, Handler handler) {
        new Pages(conn, request, timeoutNanos, maxPages, handler).ask("");
    }

    private void ask(String cursor) {
        ObjectNode q = request.deepCopy();
        if (!cursor.isEmpty()) {
            q.put("cursor", cursor);
        }
        conn.request(q, timeoutNanos, new Mt5Connection.ReplyHandler() {
            @Override
            public void onReply(Msg reply) {
                onPage(reply, cursor);
            }

            @Override
            public void onFailure(Mt5Connection.Failure failure) {
                handler.onFailure(failure);
            }
        });
    }

    private void onPage(Msg reply, String cursor) {
        pages.add(reply);
        String type = request.path("type").asText();
        String next;
        try {
            if (!reply.bool("ok", false) || !reply.bool("more", false)) {
                handler.onPages(pages);
                return;
            }
            next = reply.str("next", "");
        } catch (MalformedMessageException e) {
            conn.badMessage(type + " reply", "more/next: " + e.getMessage());
            handler.onPages(pages);
            return;
        }
        if (next.isEmpty() || next.equals(cursor)) {
            LOG.warn("the terminal's {} reply says more but gives {} (cursor was '{}'); using the {} pages received",
                    type, next.isEmpty() ? "no next cursor" : "the same cursor again", cursor, pages.size());
            handler.onPages(pages);
            return;
        }
        if (pages.size() >= maxPages) {
            LOG.warn("the terminal's {} reply still says more after {} pages; stopped there and using what came "
                    + "(the rest of the list is missing: ask a shorter span)", type, pages.size());
            handler.onPages(pages);
            return;
        }
        ask(next);
    }
}
