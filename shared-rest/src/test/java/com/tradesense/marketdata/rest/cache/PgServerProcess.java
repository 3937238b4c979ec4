package com.tradesense.marketdata.rest.cache;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster in a temporary directory (initdb, pg_ctl from /usr/lib/postgresql/<v>/bin,
 * as scripts/test-env.sh makes one), on its own port, which a test starts, stops (immediate: as a crash)
 * and starts again. As root it runs as {@code postgres}, since initdb refuses root.
 */
public final class PgServerProcess implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final Path bin;
    private final String runAs;

    public PgServerProcess(int port) throws IOException, InterruptedException {
        this.port = port;
        this.bin = binDir().orElseThrow(() -> new IOException("no initdb under /usr/lib/postgresql"));
        this.dir = Files.createTempDirectory("mde-pg-" + port);
        this.runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
        if (runAs != null) {
            run(List.of("chown", "-R", runAs, dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF8", "--no-locale", "--no-sync"), true);
    }

    /** Where initdb and pg_ctl are (highest version), if installed. */
    public static Optional<Path> binDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String s) {
        try {
            return Integer.parseInt(s.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static boolean available() {
        return binDir().isPresent();
    }

    public String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    public void start() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"), true);
    }

    /** Stops at once, as a crash would (no checkpoint, clients cut off). */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), true);
    }

    private void run(List<String> command, boolean asServerUser) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asServerUser && runAs != null) {
            cmd.addAll(Arrays.asList("runuser", "-u", runAs, "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File("/tmp")).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } catch (IOException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
