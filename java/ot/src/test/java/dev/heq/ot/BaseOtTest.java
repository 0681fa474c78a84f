package dev.heq.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heq.net.Channel;
import dev.heq.net.Channels;
import dev.heq.net.TwoParty;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BaseOtTest {
    @Test
    void receiverGetsExactlyTheChosenKey() {
        SecureRandom rnd = new SecureRandom();
        boolean[] c = new boolean[128];
        for (int i = 0; i < c.length; i++) c[i] = rnd.nextBoolean();
        BaseOt ot = new ChouOrlandiOt();
        var res = TwoParty.run(Channels.inMemoryPair(), a -> ot.send(a, 128, new SecureRandom()),
                b -> new Object[] {ot.receive(b, c, new SecureRandom()), b.stats()}, Duration.ofSeconds(60));
        byte[][][] sk = res.p0();
        byte[][] rk = (byte[][]) res.p1()[0];
        for (int i = 0; i < 128; i++) {
            assertArrayEquals(sk[i][c[i] ? 1 : 0], rk[i], "OT " + i);
            assertFalse(Arrays.equals(sk[i][c[i] ? 0 : 1], rk[i]), "OT " + i + " other key");
            assertFalse(Arrays.equals(sk[i][0], sk[i][1]));
        }
        var st = (dev.heq.net.ChannelStats) res.p1()[1];
        assertEquals(33, st.bytesReceived());
        assertEquals(128 * 33, st.bytesSent());
    }

    @Test
    void invalidPointFromPeerIsRejected() {
        BaseOt ot = new ChouOrlandiOt();
        // the "sender" sends 33 bytes that are not a curve point: 0x02 || 0xFF..FF (x >= p)
        byte[] bad = new byte[33];
        Arrays.fill(bad, (byte) 0xFF);
        bad[0] = 0x02;
        OtException e = assertThrows(OtException.class, () -> TwoParty.run(Channels.inMemoryPair(), a -> {
            a.send(bad);
            a.flush();
            return null;
        }, b -> ot.receive(b, new boolean[4], new SecureRandom()), Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("point A"), e.getMessage());
    }
}
