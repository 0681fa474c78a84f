package dev.heq.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the kernel tier once per JVM.
 *
 * <p>{@code -Dheq.kernels=auto} (default) tries the registered tiers by {@link KernelTier#autoPriority()}
 * (ffm → jna → simd → scalar) and logs one line for each tier it skips, with the reason and the fix.
 * {@code -Dheq.kernels=<tier>} forces a tier; if that tier cannot load, {@link #get()} throws
 * {@link IllegalStateException} carrying the reason. {@link #load(String)} binds any tier directly (tests and
 * benchmarks compare tiers in one JVM).
 */
public final class KernelProvider {
    /** System property selecting the tier. */
    public static final String PROPERTY = "heq.kernels";
    /** Tier names HEQ knows about, in the order {@code heq info} lists them. */
    public static final List<String> KNOWN_TIERS = List.of("reference", "scalar", "simd", "ffm", "jna", "hexl");

    private static final System.Logger LOG = System.getLogger(KernelProvider.class.getName());
    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

    private KernelProvider() {}

    private static final class Holder {
        /**
         * The chosen tier, or the IllegalStateException saying why none could be chosen. Kept as a value rather than
         * thrown from the initializer: a throwing class initializer would leave every later call with a bare
         * NoClassDefFoundError instead of the reason.
         */
        static final Object CHOICE = choose();

        private static Object choose() {
            try {
                return select(System.getProperty(PROPERTY, "auto").trim());
            } catch (IllegalStateException e) {
                return e;
            }
        }
    }

    /**
     * The tier chosen for this JVM (resolved on first call).
     *
     * @throws IllegalStateException, on every call, if the forced tier cannot load here (with the reason and the fix)
     */
    public static Kernels get() {
        Object c = Holder.CHOICE;
        if (c instanceof Kernels k) {
            return k;
        }
        IllegalStateException e = (IllegalStateException) c;
        throw new IllegalStateException(e.getMessage(), e);
    }

    /**
     * The reference tier (the oracle). Found through the tier registry like every other tier, so this package names
     * none of its implementations; it ships in this module, so it is always there.
     */
    public static Kernels reference() {
        try {
            return load("reference");
        } catch (TierUnavailableException e) {
            throw new IllegalStateException("the reference kernel tier is missing from heq-kernels' service registry", e);
        }
    }

    /**
     * Loads the named tier (cached per JVM).
     *
     * @throws TierUnavailableException if it is not registered (its module is not on the class path) or cannot load here
     */
    public static Kernels load(String name) throws TierUnavailableException {
        Object r = LOADED.computeIfAbsent(name, KernelProvider::tryLoad);
        if (r instanceof Kernels k) {
            return k;
        }
        throw (TierUnavailableException) r;
    }

    private static Object tryLoad(String name) {
        KernelTier tier = tiers().get(name);
        if (tier == null) {
            String module = switch (name) {
                case "reference", "scalar" -> "heq-kernels";
                case "simd" -> "heq-kernels-simd";
                case "ffm", "jna", "hexl" -> "heq-kernels-native";
                default -> null;
            };
            if (module == null) {
                return new TierUnavailableException(name, "unknown kernel tier '" + name + "'", "use one of " + KNOWN_TIERS + " or auto");
            }
            return new TierUnavailableException(name, "tier " + name + " is not on the class path", "add the " + module + " jar");
        }
        try {
            return tier.load();
        } catch (TierUnavailableException e) {
            return e;
        } catch (RuntimeException | LinkageError e) {
            return new TierUnavailableException(name, "tier " + name + " failed to load: " + e, "see the cause", e);
        }
    }

    /** Registered tiers by name. */
    public static Map<String, KernelTier> tiers() {
        Map<String, KernelTier> m = new LinkedHashMap<>();
        for (KernelTier t : ServiceLoader.load(KernelTier.class, KernelProvider.class.getClassLoader())) {
            m.putIfAbsent(t.name(), t);
        }
        return m;
    }

    /** Availability of every known tier: the loaded tier, or the reason and fix. For {@code heq info}. */
    public static List<TierStatus> survey() {
        List<TierStatus> out = new ArrayList<>();
        Map<String, KernelTier> reg = tiers();
        List<String> names = new ArrayList<>(KNOWN_TIERS);
        for (String n : reg.keySet()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        for (String n : names) {
            try {
                Kernels k = load(n);
                out.add(new TierStatus(n, true, k.describe(), null, null, reg.containsKey(n) ? reg.get(n).autoPriority() : -1));
            } catch (TierUnavailableException e) {
                out.add(new TierStatus(n, false, null, e.getMessage(), e.fix(), reg.containsKey(n) ? reg.get(n).autoPriority() : -1));
            }
        }
        return out;
    }

    /** One tier's availability. */
    public record TierStatus(String name, boolean available, String description, String reason, String fix, int autoPriority) {}

    private static Kernels select(String choice) {
        if (!choice.equals("auto") && !choice.isEmpty()) {
            try {
                Kernels k = load(choice);
                LOG.log(System.Logger.Level.DEBUG, "HEQ kernels: " + k.describe() + " (forced by -D" + PROPERTY + ")");
                return k;
            } catch (TierUnavailableException e) {
                throw new IllegalStateException("HEQ kernel tier '" + choice + "' (forced by -D" + PROPERTY + "=" + choice
                        + ") cannot be used: " + e.getMessage() + " — fix: " + e.fix(), e);
            }
        }
        List<KernelTier> auto = new ArrayList<>(tiers().values());
        auto.removeIf(t -> t.autoPriority() < 0);
        auto.sort(Comparator.comparingInt(KernelTier::autoPriority).reversed());
        for (KernelTier t : auto) {
            try {
                Kernels k = load(t.name());
                LOG.log(System.Logger.Level.DEBUG, "HEQ kernels: " + k.describe());
                return k;
            } catch (TierUnavailableException e) {
                LOG.log(System.Logger.Level.INFO, "HEQ kernels: skipping tier " + t.name() + ": " + e.getMessage() + " (fix: " + e.fix() + ")");
            }
        }
        return reference();
    }
}
