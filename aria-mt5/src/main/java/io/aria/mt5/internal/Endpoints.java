package io.aria.mt5.internal;

import java.util.Locale;

/** Whether a ZeroMQ endpoint stays on this machine (PROTOCOL.md section 1: loopback by default). */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * @param endpoint a ZeroMQ endpoint such as {@code tcp://127.0.0.1:15555}
     * @return whether it can only be reached from this machine: {@code ipc://}, {@code inproc://},
     *     or {@code tcp://} on {@code 127.x.x.x}, {@code localhost} or {@code ::1}; a wildcard
     *     ({@code *}, {@code 0.0.0.0}), an interface name, a host name or another address is not
     */
    public static boolean isLoopback(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        if (endpoint.startsWith("ipc://") || endpoint.startsWith("inproc://")) {
            return true;
        }
        if (!endpoint.startsWith("tcp://")) {
            return false;
        }
        String rest = endpoint.substring("tcp://".length());
        // a tcp endpoint may name a source before ';': tcp://src;dst; the address that matters is the last
        int semi = rest.lastIndexOf(';');
        if (semi >= 0) {
            rest = rest.substring(semi + 1);
        }
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = rest.substring(1, close);
        } else {
            int colon = rest.lastIndexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.equals("::1")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
