package io.aria.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Coalesces repeated blocked intents: per symbol and reason code, the first block of an episode
 * is written, the repeats are only counted until the episode ends, and the end writes how many
 * there were. Event-loop thread only.
 */
final class BlockedEpisodes {

    /** Receives the summary of an episode that had repeats. */
    interface Summary {
        void write(int symbolIndex, String code, long repeats, long firstEpochMillis, long lastEpochMillis);
    }

    private static final class Episode {
        final String code;
        final long first;
        long last;
        long repeats;

        Episode(String code, long first) {
            this.code = code;
            this.first = first;
            this.last = first;
        }
    }

    private final List<Episode>[] bySymbol;
    private boolean any;

    @SuppressWarnings("unchecked")
    BlockedEpisodes(int symbols) {
        bySymbol = new List[symbols];
    }

    /**
     * @return whether this block opens an episode (write it); false for a repeat (counted only)
     */
    boolean onBlock(int symbolIndex, String code, long nowMillis) {
        List<Episode> list = bySymbol[symbolIndex];
        if (list == null) {
            list = new ArrayList<>(2);
            bySymbol[symbolIndex] = list;
        }
        for (int k = 0; k < list.size(); k++) {
            Episode e = list.get(k);
            if (e.code.equals(code)) {
                e.repeats++;
                e.last = nowMillis;
                return false;
            }
        }
        list.add(new Episode(code, nowMillis));
        any = true;
        return true;
    }

    /** @return whether some episode is open (cheap: for the tick path) */
    boolean any() {
        return any;
    }

    /** Ends the symbol's episodes (an order for it was sent). */
    void end(int symbolIndex, Summary out) {
        List<Episode> list = bySymbol[symbolIndex];
        if (list == null || list.isEmpty()) {
            return;
        }
        for (Episode e : list) {
            if (e.repeats > 0) {
                out.write(symbolIndex, e.code, e.repeats, e.first, e.last);
            }
        }
        list.clear();
    }

    /** Ends every episode (the kill switch changed, a new day, the pipeline closes). */
    void endAll(Summary out) {
        if (!any) {
            return;
        }
        for (int i = 0; i < bySymbol.length; i++) {
            end(i, out);
        }
        any = false;
    }
}
