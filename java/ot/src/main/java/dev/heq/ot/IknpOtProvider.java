package dev.heq.ot;

import dev.heq.net.Channel;

/** {@link OtProvider} with IKNP (1-of-2) and KK13 (1-of-N) extensions over Chou–Orlandi base OTs. */
public final class IknpOtProvider implements OtProvider {
    @Override
    public String name() {
        return "IKNP/KK13 over CO15";
    }

    @Override
    public OtSender sender(Channel ch) {
        return new IknpOtSender(ch);
    }

    @Override
    public OtReceiver receiver(Channel ch) {
        return new IknpOtReceiver(ch);
    }

    @Override
    public NOtSender nSender(Channel ch) {
        return new Kk13OtSender(ch);
    }

    @Override
    public NOtReceiver nReceiver(Channel ch) {
        return new Kk13OtReceiver(ch);
    }
}
