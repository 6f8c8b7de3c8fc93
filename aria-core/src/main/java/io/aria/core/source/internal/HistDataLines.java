package io.aria.core.source.internal;

import static io.aria.core.source.internal.TickText.digits;
import static io.aria.core.source.internal.TickText.epochMillis;
import static io.aria.core.source.internal.TickText.price;
import static io.aria.core.source.internal.TickText.volume;

import io.aria.core.Tick;
import io.aria.core.source.internal.TickText.Malformed;

/** HistData.com ASCII ticks: {@code 20120201 000003660,bid,ask,volume}, EST without daylight saving. */
final class HistDataLines implements TickLineFormat {

    @Override
    public char separator() {
        return ',';
    }

    @Override
    public Tick parse(String line, String symbol) {
        // 20120201 000003660,1.306600,1.306770,0
        String[] f = line.split(",", -1);
        if (f.length < 3) {
            throw new Malformed("expected 'yyyyMMdd HHmmssSSS,bid,ask,volume', found " + f.length + " fields");
        }
        String ts = f[0].strip();
        if (ts.length() < 15 || ts.charAt(8) != ' ') {
            throw new Malformed("time must look like 20120201 000003660, was '" + ts + "'");
        }
        int y = digits(ts, 0, 4, "time");
        int mo = digits(ts, 4, 6, "time");
        int d = digits(ts, 6, 8, "time");
        int h = digits(ts, 9, 11, "time");
        int mi = digits(ts, 11, 13, "time");
        int s = digits(ts, 13, 15, "time");
        int ms = 0;
        if (ts.length() > 15) {
            if (ts.length() != 18) {
                throw new Malformed("time must look like 20120201 000003660, was '" + ts + "'");
            }
            ms = digits(ts, 15, 18, "time");
        }
        long time = epochMillis(y, mo, d, h, mi, s, ms, TickFileReader.HISTDATA_ZONE);
        double bid = price(f[1].strip(), "bid");
        double ask = price(f[2].strip(), "ask");
        double volume = volume(f, 3);
        return new Tick(symbol, time, bid, ask, volume);
    }
}
