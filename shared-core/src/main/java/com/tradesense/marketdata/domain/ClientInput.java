package com.tradesense.marketdata.domain;

/** How client-supplied text is echoed back in error details: shortened, and kept on one printable line. */
public final class ClientInput {
    private static final int MAX_ECHO = 40;

    private ClientInput() {
    }

    /** {@code raw} cut to 40 characters (with an ellipsis) and control characters shown as '?'. */
    public static String echo(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.length() > MAX_ECHO ? raw.substring(0, MAX_ECHO) + "…" : raw;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
