package dev.heq.nn;

import dev.heq.quant.QType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An integer (quantized) inference graph: one input tensor of type {@link #inputType()} and shape
 * {@link #inputShape()}, then {@link Node}s in topological order; the last node's output is the model output
 * (logits), and the prediction is its {@link IntegerEngine#argmax argmax}. Construction infers and validates every
 * tensor's shape and type, so a {@code QuantModel} that exists is well formed: shapes agree, bit widths are in range
 * and every declared accumulator width b_acc holds the worst-case accumulator.
 *
 * <p>The per-layer metadata the 2PC protocol needs (b_w, b_x, b_acc, multipliers, shifts; zero points are always 0)
 * is available as {@link #layerInfo()}.
 */
public final class QuantModel {
    private final String name;
    private final Shape inputShape;
    private final QType inputType;
    private final List<Node> nodes;
    private final Shape[] shapes; // per tensor id
    private final QType[] types;  // per tensor id

    public QuantModel(String name, Shape inputShape, QType inputType, List<Node> nodes) {
        this.name = name == null ? "model" : name;
        this.inputShape = inputShape;
        this.inputType = inputType;
        this.nodes = List.copyOf(nodes);
        if (this.nodes.isEmpty()) throw new ModelException("model has no nodes");
        shapes = new Shape[nodes.size() + 1];
        types = new QType[nodes.size() + 1];
        shapes[0] = inputShape;
        types[0] = inputType;
        for (int k = 0; k < this.nodes.size(); k++) {
            Node n = this.nodes.get(k);
            String where = "node " + k + " (" + n.layer().op() + ")";
            if (n.arity() != n.layer().arity())
                throw new ModelException(where + ": has " + n.arity() + " inputs, op takes " + n.layer().arity());
            Shape[] is = new Shape[n.arity()];
            QType[] it = new QType[n.arity()];
            for (int i = 0; i < n.arity(); i++) {
                int t = n.input(i);
                if (t < 0 || t > k) throw new ModelException(where + ": input tensor " + t + " is not defined before it (valid: 0.." + k + ")");
                is[i] = shapes[t];
                it[i] = types[t];
            }
            try {
                shapes[k + 1] = n.layer().outputShape(is);
                types[k + 1] = n.layer().outputType(it);
            } catch (IllegalArgumentException e) {
                throw new ModelException(where + ": " + e.getMessage(), e);
            }
        }
    }

    /** A chain: node k reads tensor k. */
    public static QuantModel sequential(String name, Shape inputShape, QType inputType, List<Layer> layers) {
        List<Node> ns = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) ns.add(new Node(layers.get(k), new int[]{k}));
        return new QuantModel(name, inputShape, inputType, ns);
    }

    public String name() { return name; }

    public Shape inputShape() { return inputShape; }

    public QType inputType() { return inputType; }

    public List<Node> nodes() { return nodes; }

    /** Shape of tensor {@code id} (0 = input, k+1 = output of node k). */
    public Shape shape(int id) { return shapes[id]; }

    /** Type of tensor {@code id}. */
    public QType type(int id) { return types[id]; }

    public Shape outputShape() { return shapes[nodes.size()]; }

    public QType outputType() { return types[nodes.size()]; }

    /** Number of tensors (nodes + 1). */
    public int tensorCount() { return shapes.length; }

    /**
     * Per linear layer metadata for the protocol layer.
     *
     * @param node        node index
     * @param op          "Conv2d" or "Dense"
     * @param weightBits  b_w (signed, zero point 0)
     * @param input       input type (b_x = input.bits(); unsigned after ReLU)
     * @param accBits     b_acc: every accumulator is in [-2^(b_acc-1), 2^(b_acc-1))
     * @param fanIn       accumulations per output (e)
     * @param multipliers per output channel M_c (length 1 when per-tensor)
     * @param shifts      per output channel s_c
     * @param output      output type (its range is the clamp; unsigned = fused ReLU)
     */
    public record LayerInfo(int node, String op, int weightBits, QType input, int accBits, int fanIn,
                            int[] multipliers, int[] shifts, QType output) {
        @Override
        public String toString() {
            return String.format("%3d %-7s b_w=%d b_x=%d%s b_acc=%d e=%d M0=%d s0=%d -> %s", node, op, weightBits, input.bits(),
                    input.signed() ? "s" : "u", accBits, fanIn, multipliers[0], shifts[0], output);
        }
    }

    /** Metadata of every Conv2d / Dense node, in graph order. */
    public List<LayerInfo> layerInfo() {
        List<LayerInfo> out = new ArrayList<>();
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            dev.heq.quant.Requantizer rq;
            int wb, fan;
            switch (n.layer()) {
                case Layer.Conv2d c -> { rq = c.requant(); wb = c.weightBits(); fan = c.fanIn(); }
                case Layer.Dense d -> { rq = d.requant(); wb = d.weightBits(); fan = d.in(); }
                default -> { continue; }
            }
            int[] m = new int[rq.size()], s = new int[rq.size()];
            for (int c = 0; c < rq.size(); c++) { m[c] = rq.channel(c).multiplier(); s[c] = rq.channel(c).shift(); }
            out.add(new LayerInfo(k, n.layer().op(), wb, types[n.input(0)], rq.accBits(), fan, m, s, rq.out()));
        }
        return out;
    }

    /** A readable one-line-per-node summary. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(": input ").append(inputShape).append(' ').append(inputType).append('\n');
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            sb.append(String.format("  [%d] %-13s in=%s -> %s %s%n", k, n.layer().op(), Arrays.toString(n.inputs()), shapes[k + 1], types[k + 1]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantModel m && name.equals(m.name) && inputShape.equals(m.inputShape) && inputType.equals(m.inputType) && nodes.equals(m.nodes);
    }

    @Override
    public int hashCode() { return nodes.hashCode(); }
}
