package io.aria.examples.server;

import java.util.Locale;

/** Text as one line: what the API echoes back and writes to the audit. */
final class Text {
    private Text() {
    }

    /**
     * @param s any text
     * @return the text on one line, control characters escaped
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                b.append(' ');
            } else if (c < 0x20 || c == 0x7F) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString().strip();
    }
}
