package dev.heq.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.net.Channel;
import dev.heq.net.ChannelException;
import dev.heq.net.Channels;
import dev.heq.net.NetOptions;
import dev.heq.net.Tcp;
import dev.heq.net.TwoParty;
import dev.heq.ot.OtProvider;
import dev.heq.protocol.nonlinear.Relu;
import dev.heq.protocol.nonlinear.Truncate;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One run over real TCP sockets, and the failure modes: a peer that disconnects, mismatched parameters. */
class TcpAndFailureTest {

    @Test
    void reluAndTruncationOverTcp() throws Exception {
        SplittableRandom r = new SplittableRandom(TestData.seed());
        int ell = 37, n = 1000;
        long[] x = TestData.values(r, n, ell);
        AShare[] sh = AShare.split(Z2k.of(ell), x, r);
        NetOptions opts = NetOptions.defaults().withTimeout(Duration.ofSeconds(60));
        Channel[] pair = Channels.loopbackTcpPair(opts, null, null);
        OtProvider ot = OtProvider.iknp();
        try {
            var res = TwoParty.run(pair,
                    ch -> body(new Party(Role.SERVER, ch, ot), sh[0]),
                    ch -> body(new Party(Role.CLIENT, ch, ot), sh[1]),
                    Duration.ofSeconds(120));
            assertArrayEquals(Relu.idealRelu(x, ell), AShare.reconstruct(res.p0()[0], res.p1()[0]), "ReLU over TCP");
            assertArrayEquals(Truncate.ideal(x, ell, 12), AShare.reconstruct(res.p0()[1], res.p1()[1]), "truncation over TCP");
            assertTrue(pair[0].describe().toLowerCase().contains("tcp"), pair[0].describe());
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    private static AShare[] body(Party p, AShare x) {
        try (p) {
            return new AShare[] {Relu.relu(p, x), Truncate.run(p, x, 12, Truncate.Mode.EXACT)};
        }
    }

    @Test
    void peerDisconnectIsAClearErrorNotAHang() {
        Channel[] pair = Channels.inMemoryPair(NetOptions.defaults().withTimeout(Duration.ofSeconds(20)));
        OtProvider ot = OtProvider.iknp();
        AShare x = AShare.zeros(Z2k.of(32), 256);
        long t0 = System.nanoTime();
        ChannelException e = assertThrows(ChannelException.class, () -> TwoParty.run(pair,
                ch -> Relu.relu(new Party(Role.SERVER, ch, ot), x),
                ch -> {
                    ch.close();   // the client walks away before the protocol starts
                    return null;
                },
                Duration.ofSeconds(30)));
        System.out.println("disconnect surfaced as: " + e.getMessage());
        assertTrue(e.kind() == ChannelException.Kind.PEER_DISCONNECTED || e.kind() == ChannelException.Kind.CLOSED
                || e.kind() == ChannelException.Kind.IO, e.getMessage());
        assertTrue(System.nanoTime() - t0 < 15e9, "must fail fast, not wait for the timeout");
    }

    @Test
    void mismatchedSizesAreDetected() {
        Channel[] pair = Channels.inMemoryPair(NetOptions.defaults().withTimeout(Duration.ofSeconds(20)));
        OtProvider ot = OtProvider.iknp();
        RuntimeException e = assertThrows(RuntimeException.class, () -> TwoParty.run(pair,
                ch -> Relu.relu(new Party(Role.SERVER, ch, ot), AShare.zeros(Z2k.of(16), 100)),
                ch -> Relu.relu(new Party(Role.CLIENT, ch, ot), AShare.zeros(Z2k.of(16), 101)),
                Duration.ofSeconds(30)));
        System.out.println("size mismatch surfaced as: " + e);
    }

    @Test
    void badParametersNameTheProblem() {
        assertThrows(IllegalArgumentException.class, () -> Z2k.of(0));
        assertThrows(IllegalArgumentException.class, () -> Z2k.of(65));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AShare.zeros(Z2k.of(8), 3).add(AShare.zeros(Z2k.of(9), 3)));
        assertTrue(e.getMessage().contains("mismatch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new dev.heq.protocol.nonlinear.Millionaire.Plan(8, new int[] {4, 3}));
        assertThrows(IllegalArgumentException.class, () -> new dev.heq.protocol.nonlinear.Requant.Spec(
                new dev.heq.quant.FixedPoint[] {new dev.heq.quant.FixedPoint((1 << 30) + 1, 62)}, null, 40, false, 0, 15, 8));
        assertEquals(1, BShare.words(64));
    }

    @Test
    void twoServersFailFastWithARoleMismatch() {
        Channel[] pair = Channels.inMemoryPair(NetOptions.defaults().withTimeout(Duration.ofSeconds(20)));
        OtProvider ot = OtProvider.iknp();
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TwoParty.run(pair,
                ch -> Relu.relu(new Party(Role.SERVER, ch, ot), AShare.zeros(Z2k.of(16), 10)),
                ch -> Relu.relu(new Party(Role.SERVER, ch, ot), AShare.zeros(Z2k.of(16), 10)),
                Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("role mismatch"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10e9, "must fail at the greeting, not at a timeout");
    }
}
