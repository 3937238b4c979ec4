package com.tradesense.marketdata.rest.security;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The key ring: the key that signs new access tokens and every key that still verifies. Two sources:
 * <ul>
 *   <li>a folder of PEM files ({@link #fromFolder}): rotation is done by the operator (add the new file,
 *       remove the old one a token lifetime later); {@link #reload()} re-reads it;</li>
 *   <li>generated in memory ({@link #generated}): {@link #rotate()} makes a new EC P-256 pair, and the
 *       previous one keeps verifying until {@code keepFor} has passed (one token lifetime plus skew).</li>
 * </ul>
 * Lookups read an immutable snapshot (volatile), so verification never locks.
 */
public final class SigningKeys {
    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One key: {@code privateKey} is null for a verify-only key; {@code retireAt} null while current. */
    public record Key(String kid, String algorithm, PrivateKey privateKey, PublicKey publicKey, Instant retireAt) {
    }

    private record Ring(Key signing, List<Key> all) {
    }

    private final Path folder;
    private final Duration keepFor;
    private final Clock clock;
    private volatile Ring ring;

    private SigningKeys(Path folder, Duration keepFor, Clock clock) {
        this.folder = folder;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    public static SigningKeys fromFolder(Path folder) {
        SigningKeys keys = new SigningKeys(folder, Duration.ZERO, Clock.systemUTC());
        keys.reload();
        if (keys.ring == null) {
            throw new IllegalStateException("mde.auth.signing-keys-dir " + folder + " holds no usable signing key (PEM with a PRIVATE KEY)");
        }
        return keys;
    }

    public static SigningKeys generated(Duration keepFor, Clock clock) {
        SigningKeys keys = new SigningKeys(null, keepFor, clock);
        keys.rotate();
        return keys;
    }

    /** The key that signs now. */
    public Key signing() {
        return ring.signing();
    }

    /** Every key that verifies now (retired generated keys past their time are left out). */
    public List<Key> verifying() {
        Instant now = clock.instant();
        return ring.all().stream().filter(k -> k.retireAt() == null || now.isBefore(k.retireAt())).toList();
    }

    /** The verifying key with this id. */
    public Optional<Key> find(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        return verifying().stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    /**
     * Whether the ring still verifies with {@code publicKey} under {@code kid} now (as {@link #find} would): what a
     * cached verification asks before it is trusted again. False once the key was removed from the folder, replaced
     * under the same name by another key, or (generated ring) retired past its time. No allocation: runs on every
     * authenticated request.
     */
    public boolean verifies(String kid, PublicKey publicKey) {
        for (Key k : ring.all()) {
            if (k.kid().equals(kid) && (k.retireAt() == null || clock.millis() < k.retireAt().toEpochMilli())) {
                return k.publicKey() == publicKey || k.publicKey().equals(publicKey);
            }
        }
        return false;
    }

    public boolean fromFolder() {
        return folder != null;
    }

    /** Generated ring: a new signing key; the previous one verifies for {@code keepFor} more. */
    public synchronized void rotate() {
        if (folder != null) {
            reload();
            return;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            byte[] id = new byte[6];
            RANDOM.nextBytes(id);
            Instant now = clock.instant();
            Key fresh = new Key("gen-" + now.getEpochSecond() + "-" + HexFormat.of().formatHex(id), "ES256",
                    pair.getPrivate(), pair.getPublic(), null);
            List<Key> all = new ArrayList<>();
            all.add(fresh);
            if (ring != null) {
                for (Key k : ring.all()) {
                    Key retiring = k.retireAt() == null ? new Key(k.kid(), k.algorithm(), null, k.publicKey(), now.plus(keepFor)) : k;
                    if (now.isBefore(retiring.retireAt())) {
                        all.add(retiring);
                    }
                }
            }
            ring = new Ring(fresh, List.copyOf(all));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key pair", e);
        }
    }

    /** Folder ring: re-reads the folder; keeps the previous ring if the folder no longer holds a signing key. */
    public synchronized void reload() {
        if (folder == null) {
            return;
        }
        List<Key> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pem")).sorted().toList()) {
                try {
                    keys.add(read(f));
                } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                    LOG.warnf("signing key %s skipped: %s", f.getFileName(), e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot read mde.auth.signing-keys-dir %s: %s", folder, e.getMessage());
            return;
        }
        Key signing = null;
        for (Key k : keys) {
            if (k.privateKey() != null) {
                signing = k;
            }
        }
        if (signing == null) {
            LOG.warnf("mde.auth.signing-keys-dir %s holds no signing key: keeping the previous key ring", folder);
            return;
        }
        ring = new Ring(signing, List.copyOf(keys));
    }

    private static Key read(Path file) throws IOException, GeneralSecurityException {
        String name = file.getFileName().toString();
        String kid = name.substring(0, name.length() - ".pem".length());
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> throw new IllegalArgumentException("unsupported PEM block '" + m.group(1)
                        + "' (use PKCS#8 'PRIVATE KEY' and 'PUBLIC KEY')");
            }
        }
        PrivateKey priv = null;
        PublicKey pub = null;
        String type = null;
        if (privateDer != null) {
            for (String t : List.of("EC", "RSA")) {
                try {
                    priv = KeyFactory.getInstance(t).generatePrivate(new PKCS8EncodedKeySpec(privateDer));
                    type = t;
                    break;
                } catch (GeneralSecurityException e) {
                    // try the other type
                }
            }
            if (priv == null) {
                throw new IllegalArgumentException("the private key is neither EC nor RSA");
            }
        }
        if (publicDer != null) {
            for (String t : type == null ? List.of("EC", "RSA") : List.of(type)) {
                try {
                    pub = KeyFactory.getInstance(t).generatePublic(new X509EncodedKeySpec(publicDer));
                    type = t;
                    break;
                } catch (GeneralSecurityException e) {
                    // try the other type
                }
            }
        } else if (priv instanceof RSAPrivateCrtKey rsa) {
            pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (pub == null) {
            throw new IllegalArgumentException("no usable PUBLIC KEY block (an EC key file needs one: openssl pkey -pubout)");
        }
        if (pub instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("EC keys must be P-256 (ES256)");
        }
        return new Key(kid, "EC".equals(type) ? "ES256" : "RS256", priv, pub, null);
    }
}
