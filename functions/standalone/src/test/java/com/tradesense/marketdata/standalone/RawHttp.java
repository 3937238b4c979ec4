package com.tradesense.marketdata.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the test writes it: the only way to send what a
 * well-behaved client library refuses to (raw CR/LF, NUL, overlong UTF-8, broken percent-encoding,
 * bad framing). One request per connection ({@code Connection: close}).
 */
final class RawHttp {
    /** What came back: status 0 when the server closed the connection without an answer. */
    record Answer(int status, List<String> headerLines, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headerLines) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return h.substring(prefix.length()).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    static Answer send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(3_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may close early on a request it refuses; read whatever it said.
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16384];
            boolean halfClosed = false;
            while (true) {
                try {
                    int n = in.read(buf);
                    if (n <= 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    if (got.size() > 0 && parse(got.toByteArray()).status() > 0) {
                        break; // a complete head on a connection the server keeps open
                    }
                    if (halfClosed || got.size() > 0) {
                        throw new IOException("no complete answer within 13 s", e);
                    }
                    // A request that promised a body it never sent: tell the server nothing more comes, then wait again.
                    halfClosed = true;
                    s.shutdownOutput();
                    s.setSoTimeout(10_000);
                } catch (IOException e) {
                    break; // reset after the answer: keep what arrived
                }
            }
            return parse(got.toByteArray());
        }
    }

    static byte[] request(String method, String target, List<String> headers, byte[] body) {
        StringBuilder b = new StringBuilder();
        b.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        if (body != null) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        b.append("\r\n");
        byte[] head = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Answer(0, List.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(new Answer(status, headers, "").header("Transfer-Encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int nl = s.indexOf("\r\n", i);
            if (nl < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(s.substring(i, nl).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                return s;
            }
            if (size == 0) {
                break;
            }
            out.append(s, nl + 2, Math.min(s.length(), nl + 2 + size));
            i = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
