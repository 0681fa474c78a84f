package dev.heq.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.3 material for {@link Tcp}, through the JDK's JSSE only.
 *
 * <p>Trust model: the keystore is both the key material and the trust store, i.e. the peer must present a
 * certificate contained in the same keystore (pinned trust, mutual authentication). Host names are not checked —
 * the pinning replaces PKI. For two machines, generate one keystore and copy it to both:
 * <pre>
 *   keytool -genkeypair -alias heq -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -validity 365 \
 *           -dname CN=heq -storetype PKCS12 -keystore heq.p12 -storepass PASSWORD
 * </pre>
 * and load it with {@link #fromPkcs12}. {@link #selfSigned} does the same into a temporary directory for local
 * runs and tests (it runs the JDK's own {@code keytool}, because the JDK has no public certificate-building API).
 */
public record TlsConfig(SSLContext context, String source) {

    /** Loads a PKCS#12 keystore used both for our key and to trust the peer. */
    public static TlsConfig fromPkcs12(Path keystore, char[] password) {
        try (InputStream is = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(is, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return new TlsConfig(ctx, keystore.toString());
        } catch (IOException | GeneralSecurityException e) {
            throw new ChannelException(ChannelException.Kind.TLS, "cannot load TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /**
     * Generates a fresh self-signed EC P-256 key pair into {@code dir/heq-selfsigned.p12} (random password, kept in
     * memory only) and loads it. For local use: both parties in one process, or copy the file and pass the password.
     */
    public static TlsConfig selfSigned(Path dir) {
        byte[] pw = new byte[12];
        new SecureRandom().nextBytes(pw);
        String pass = HexFormat.of().formatHex(pw);
        Path ks = dir.resolve("heq-selfsigned.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "heq", "-keyalg", "EC", "-groupname",
                "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "30", "-dname", "CN=heq-local",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", pass, "-keypass", pass, "-noprompt");
        try {
            Files.deleteIfExists(ks);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            String outText = new String(p.getInputStream().readAllBytes());
            if (!done) {
                p.destroyForcibly();
                throw new ChannelException(ChannelException.Kind.TLS, "keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new ChannelException(ChannelException.Kind.TLS, "keytool failed (" + p.exitValue() + "): " + outText);
            }
        } catch (IOException e) {
            throw new ChannelException(ChannelException.Kind.TLS, "cannot run " + keytool + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(ChannelException.Kind.TLS, "interrupted while generating a key pair", e);
        }
        return fromPkcs12(ks, pass.toCharArray());
    }
}
