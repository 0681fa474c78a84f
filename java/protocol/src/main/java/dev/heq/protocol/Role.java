package dev.heq.protocol;

/**
 * The two parties of every protocol. The server holds the model (OpenCheetah/SCI's ALICE); the client holds the input
 * and learns the prediction (BOB). Asymmetric steps are fixed by role: the server is the 1-out-of-N OT sender of the
 * millionaire leaves and of bit-triple generation, the server adds public constants to its share, and the client
 * alone learns an argmax index.
 */
public enum Role {
    SERVER, CLIENT;

    /** 0 for the server, 1 for the client (the share index in ⟨x⟩_0 + ⟨x⟩_1). */
    public int index() {
        return this == SERVER ? 0 : 1;
    }

    public Role peer() {
        return this == SERVER ? CLIENT : SERVER;
    }
}
