package io.aria.core.source.internal;

import static io.aria.core.source.internal.TickText.allDigits;
import static io.aria.core.source.internal.TickText.digits;
import static io.aria.core.source.internal.TickText.epochMillis;
import static io.aria.core.source.internal.TickText.price;
import static io.aria.core.source.internal.TickText.truncate;
import static io.aria.core.source.internal.TickText.volume;

import io.aria.core.Tick;
import io.aria.core.source.internal.TickText.Malformed;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;

/**
 * MetaTrader 5 "Export ticks": tab separated, columns from the {@code <DATE>} header (the default
 * order without one), times in the broker's zone; an empty bid or ask keeps the last one.
 */
final class Mt5Lines implements TickLineFormat {

    private final ZoneId zone;
    private int cDate = 0;
    private int cTime = 1;
    private int cBid = 2;
    private int cAsk = 3;
    private int cVolume = 5;
    private int cFlags = 6;
    private double lastBid = Double.NaN;
    private double lastAsk = Double.NaN;

    Mt5Lines(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public char separator() {
        return '\t';
    }

    /**
     * @param h    the header's fields
     * @param file the file, for the message
     * @throws IllegalArgumentException when a required column is missing
     */
    void header(String[] h, Path file) {
        cDate = cTime = cBid = cAsk = cVolume = cFlags = -1;
        for (int i = 0; i < h.length; i++) {
            switch (h[i].strip().toUpperCase(Locale.ROOT)) {
                case "<DATE>": cDate = i; break;
                case "<TIME>": cTime = i; break;
                case "<BID>": cBid = i; break;
                case "<ASK>": cAsk = i; break;
                case "<VOLUME>": cVolume = i; break;
                case "<FLAGS>": cFlags = i; break;
                default: break;
            }
        }
        if (cDate < 0 || cTime < 0 || cBid < 0 || cAsk < 0) {
            throw new IllegalArgumentException(file + ": MT5 tick header must have <DATE>, <TIME>, <BID> and <ASK>, was '"
                    + truncate(String.join("\t", h)) + "'");
        }
    }

    @Override
    public Tick parse(String line, String symbol) {
        String[] f = line.split("\t", -1);
        if (f.length <= Math.max(cDate, Math.max(cTime, Math.max(cBid, cAsk)))) {
            throw new Malformed("expected at least " + (Math.max(cDate, Math.max(cTime, Math.max(cBid, cAsk))) + 1)
                    + " tab-separated fields, found " + f.length);
        }
        long time = time(f[cDate].strip(), f[cTime].strip());
        String b = f[cBid].strip();
        String a = f[cAsk].strip();
        double bid = b.isEmpty() ? lastBid : price(b, "bid");
        double ask = a.isEmpty() ? lastAsk : price(a, "ask");
        if (cFlags >= 0 && cFlags < f.length && !f[cFlags].isBlank()) {
            String flags = f[cFlags].strip();
            if (flags.length() > 10 || !allDigits(flags, 0, flags.length())) {
                throw new Malformed("flags is not a non-negative integer: '" + truncate(flags) + "'");
            }
        }
        double volume = volume(f, cVolume);
        lastBid = bid;
        lastAsk = ask;
        if (Double.isNaN(bid) || Double.isNaN(ask)) {
            // the file starts with a change of one side only: no full quote yet
            return null;
        }
        return new Tick(symbol, time, bid, ask, volume);
    }

    private long time(String date, String time) {
        // 2024.01.02  00:05:00.123
        if (date.length() != 10 || date.charAt(4) != '.' || date.charAt(7) != '.') {
            throw new Malformed("date must look like 2024.01.02, was '" + date + "'");
        }
        int y = digits(date, 0, 4, "date");
        int mo = digits(date, 5, 7, "date");
        int d = digits(date, 8, 10, "date");
        if (time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
            throw new Malformed("time must look like 00:05:00.123, was '" + time + "'");
        }
        int h = digits(time, 0, 2, "time");
        int mi = digits(time, 3, 5, "time");
        int s = digits(time, 6, 8, "time");
        int ms = 0;
        if (time.length() > 8) {
            if (time.charAt(8) != '.' || time.length() > 12 || time.length() == 9) {
                throw new Malformed("time must look like 00:05:00.123, was '" + time + "'");
            }
            ms = digits(time, 9, time.length(), "time");
            for (int k = time.length(); k < 12; k++) {
                ms *= 10;
            }
        }
        return epochMillis(y, mo, d, h, mi, s, ms, zone);
    }
}
