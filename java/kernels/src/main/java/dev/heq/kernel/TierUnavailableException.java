package dev.heq.kernel;

/** A kernel tier cannot be used here: {@link #getMessage()} says why, {@link #fix()} what would make it work. */
public final class TierUnavailableException extends Exception {
    private final String tier;
    private final String fix;

    public TierUnavailableException(String tier, String reason, String fix) {
        this(tier, reason, fix, null);
    }

    public TierUnavailableException(String tier, String reason, String fix, Throwable cause) {
        super(reason, cause);
        this.tier = tier;
        this.fix = fix;
    }

    public String tier() {
        return tier;
    }

    /** What would make the tier available (a flag, a package, a build option). */
    public String fix() {
        return fix;
    }
}
