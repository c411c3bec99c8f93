package io.hypernf.sdk.nf;

import io.hypernf.sdk.port.IoErrors;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a chain config from YAML through snakeyaml-engine's node API, whose marks give every
 * value its line, so each error reads {@code chain.yaml:7: nfs[1].type ...}. The accepted shape:
 * <pre>
 * ports:                     # name: port URI (see hypernf list)
 *   in: pcap:in.pcap
 *   out: pcap:out.pcap
 * nfs:                       # NFs, each with a name, a type and its own settings
 *   - name: fwd
 *     type: forward
 *     settings: {mode: mac-swap}
 * chain:                     # NF.PORT: PORT or NF.PORT (links are both ways)
 *   fwd.in: in
 *   fwd.out: out
 * run:                       # optional
 *   batch: 256               # 1..4096
 *   idle: block              # spin, yield, block
 *   drain-ms: 2000
 * </pre>
 * Scalars may use {@code ${name}} variables given by the caller (the demo passes its input and
 * output paths); an unknown variable is an error.
 */
public final class ChainConfigLoader {
    private static final List<String> TOP_KEYS = List.of("ports", "nfs", "chain", "run");
    private static final List<String> NF_KEYS = List.of("name", "type", "settings");
    private static final List<String> RUN_KEYS = List.of("batch", "idle", "drain-ms");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final String source;
    private final Map<String, String> variables;

    private ChainConfigLoader(String source, Map<String, String> variables) {
        this.source = source;
        this.variables = variables;
    }

    /** Loads {@code file}; errors name it as given. */
    public static ChainConfig load(Path file, Map<String, String> variables) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigLocation(file.toString(), 0, "").error("cannot be read: " + IoErrors.reason(e));
        }
        return parse(file.toString(), text, variables);
    }

    /** Parses {@code yaml}, naming it {@code source} in errors. */
    public static ChainConfig parse(String source, String yaml, Map<String, String> variables) {
        return new ChainConfigLoader(source, variables).parse(new StringReader(yaml));
    }

    private ChainConfig parse(Reader reader) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(source).build()).composeReader(reader);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigLocation(source, line, "").error("is not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigLocation(source, 0, "").error("is not valid YAML: " + e.getMessage());
        }
        ConfigLocation top = new ConfigLocation(source, 1, "");
        if (root.isEmpty()) {
            throw top.error("is empty; a config needs at least 'nfs' and 'chain'");
        }
        Map<String, NodeTuple> sections = mapping(root.get(), top, TOP_KEYS);
        List<ChainConfig.PortSpec> ports = ports(sections.get("ports"));
        List<ChainConfig.NfSpec> nfs = nfs(sections.get("nfs"), top);
        List<ChainConfig.Wire> wires = wires(sections.get("chain"), top);
        RunOptions run = run(sections.get("run"));
        return new ChainConfig(source, ports, nfs, wires, run);
    }

    private List<ChainConfig.PortSpec> ports(NodeTuple section) {
        List<ChainConfig.PortSpec> ports = new ArrayList<>();
        if (section == null) {
            return ports;
        }
        ConfigLocation at = at("ports", section.getKeyNode());
        for (Map.Entry<String, NodeTuple> e : mapping(section.getValueNode(), at, null).entrySet()) {
            ConfigLocation where = at.child(e.getKey(), line(e.getValue().getKeyNode()));
            checkName(e.getKey(), where, "a port name");
            ports.add(new ChainConfig.PortSpec(e.getKey(), scalar(e.getValue().getValueNode(), where, "a port URI such as pcap:in.pcap"), where));
        }
        return ports;
    }

    private List<ChainConfig.NfSpec> nfs(NodeTuple section, ConfigLocation top) {
        if (section == null) {
            throw top.error("has no 'nfs' section; add a list of NFs, e.g. nfs: [{name: fwd, type: forward}]");
        }
        ConfigLocation at = at("nfs", section.getKeyNode());
        if (!(section.getValueNode() instanceof SequenceNode list)) {
            throw at.error("must be a list of NFs (items starting with '-')");
        }
        if (list.getValue().isEmpty()) {
            throw at.error("is empty; a chain needs at least one NF");
        }
        List<ChainConfig.NfSpec> nfs = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            ConfigLocation where = new ConfigLocation(source, line(item), "nfs[" + i + "]");
            Map<String, NodeTuple> fields = mapping(item, where, NF_KEYS);
            NodeTuple name = fields.get("name");
            NodeTuple type = fields.get("type");
            if (name == null) {
                throw where.child("name", line(item)).error("is required (the NF's name, used in 'chain')");
            }
            if (type == null) {
                throw where.child("type", line(item)).error("is required (the NF type; see hypernf list)");
            }
            ConfigLocation nameAt = where.child("name", line(name.getKeyNode()));
            String nfName = scalar(name.getValueNode(), nameAt, "a name");
            checkName(nfName, nameAt, "an NF name");
            ConfigLocation typeAt = where.child("type", line(type.getKeyNode()));
            String nfType = scalar(type.getValueNode(), typeAt, "an NF type");
            NodeTuple settings = fields.get("settings");
            NfSettings nfSettings = settings == null ? NfSettings.empty(where.child("settings", line(item)))
                    : settings(settings.getValueNode(), where.child("settings", line(settings.getKeyNode())));
            nfs.add(new ChainConfig.NfSpec(nfName, nfType, where, typeAt, nfSettings));
        }
        return nfs;
    }

    private List<ChainConfig.Wire> wires(NodeTuple section, ConfigLocation top) {
        if (section == null) {
            throw top.error("has no 'chain' section; wire each NF port, e.g. chain: {fwd.in: in, fwd.out: out}");
        }
        ConfigLocation at = at("chain", section.getKeyNode());
        List<ChainConfig.Wire> wires = new ArrayList<>();
        for (Map.Entry<String, NodeTuple> e : mapping(section.getValueNode(), at, null).entrySet()) {
            ConfigLocation where = at.child(e.getKey(), line(e.getValue().getKeyNode()));
            String[] from = endpoint(e.getKey(), where, "key");
            if (from.length != 2) {
                throw where.error("must name an NF port as NF.PORT (e.g. fwd.in)");
            }
            String target = scalar(e.getValue().getValueNode(), where, "a port name or NF.PORT");
            String[] to = endpoint(target, where, "value");
            wires.add(new ChainConfig.Wire(from[0], from[1], to[0], to.length == 2 ? to[1] : null, where));
        }
        return wires;
    }

    private RunOptions run(NodeTuple section) {
        RunOptions defaults = RunOptions.defaults();
        if (section == null) {
            return defaults;
        }
        ConfigLocation at = at("run", section.getKeyNode());
        NfSettings run = settings(section.getValueNode(), at);
        for (String key : run.keys()) {
            if (!RUN_KEYS.contains(key)) {
                throw run.location(key).error("is not a run option; known: " + String.join(", ", RUN_KEYS));
            }
        }
        int batch = run.integer("batch", defaults.batch(), 1, RunOptions.MAX_BATCH);
        String idle = run.choice("idle", defaults.idle().configName(), "spin", "yield", "block");
        int drain = run.integer("drain-ms", (int) defaults.drainMillis(), 0, 600_000);
        return new RunOptions(batch, IdleMode.valueOf(idle.toUpperCase(java.util.Locale.ROOT)), drain);
    }

    /** A YAML tree as {@link NfSettings}: scalars become strings (variables expanded), lists and maps nest. */
    private NfSettings settings(Node node, ConfigLocation at) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ConfigLocation> locations = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : mapping(node, at, null).entrySet()) {
            ConfigLocation where = at.child(e.getKey(), line(e.getValue().getKeyNode()));
            Node valueNode = e.getValue().getValueNode();
            values.put(e.getKey(), value(valueNode, where));
            locations.put(e.getKey(), where);
            if (valueNode instanceof SequenceNode list) {
                for (int i = 0; i < list.getValue().size(); i++) {
                    locations.put(NfSettings.itemKey(e.getKey(), i), itemLocation(list, i, where));
                }
            }
        }
        return new NfSettings(at, values, locations);
    }

    private Object value(Node node, ConfigLocation where) {
        if (node instanceof ScalarNode scalar) {
            return expand(scalar.getValue(), where);
        }
        if (node instanceof SequenceNode list) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                items.add(value(list.getValue().get(i), itemLocation(list, i, where)));
            }
            return items;
        }
        return settings(node, where);
    }

    /** Where item {@code index} of {@code list}, the value written at {@code where}, starts. */
    private ConfigLocation itemLocation(SequenceNode list, int index, ConfigLocation where) {
        Node item = list.getValue().get(index);
        return new ConfigLocation(source, line(item) > 0 ? line(item) : where.line(), where.key() + "[" + index + "]");
    }

    /** The entries of a mapping node by key; {@code accepted} (when not null) limits the keys. */
    private Map<String, NodeTuple> mapping(Node node, ConfigLocation at, List<String> accepted) {
        if (!(node instanceof MappingNode map)) {
            throw new ConfigLocation(source, line(node) > 0 ? line(node) : at.line(), at.key())
                    .error("must be a map of 'key: value' entries" + (accepted == null ? "" : "; accepted keys: " + String.join(", ", accepted)));
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            ConfigLocation keyAt = new ConfigLocation(source, line(tuple.getKeyNode()), at.key());
            String key = scalar(tuple.getKeyNode(), keyAt, "a key");
            ConfigLocation where = at.child(key, line(tuple.getKeyNode()));
            if (accepted != null && !accepted.contains(key)) {
                throw where.error("is not accepted here; accepted: " + String.join(", ", accepted));
            }
            if (entries.containsKey(key)) {
                throw where.error("is given twice (first on line " + line(entries.get(key).getKeyNode()) + ")");
            }
            entries.put(key, tuple);
        }
        return entries;
    }

    private String scalar(Node node, ConfigLocation where, String expected) {
        if (!(node instanceof ScalarNode scalar)) {
            throw new ConfigLocation(source, line(node), where.key()).error("must be " + expected + ", not a "
                    + (node instanceof SequenceNode ? "list" : "map"));
        }
        String value = expand(scalar.getValue(), where);
        if (value.isBlank()) {
            throw where.error("is empty; expected " + expected);
        }
        return value;
    }

    private String expand(String text, ConfigLocation where) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw where.error("uses ${" + m.group(1) + "}, which is not defined; defined: "
                        + (variables.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(variables.keySet()))));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String[] endpoint(String text, ConfigLocation where, String what) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 2) {
            throw where.error(what + " '" + text + "' has more than one '.'; expected PORT or NF.PORT");
        }
        for (String part : parts) {
            checkName(part, where, "an NF or port name in '" + text + "'");
        }
        return parts;
    }

    private void checkName(String name, ConfigLocation where, String what) {
        if (!NAME.matcher(name).matches()) {
            throw where.error("'" + name + "' is not valid as " + what + "; use letters, digits, '-' and '_', starting with a letter");
        }
    }

    private ConfigLocation at(String key, Node keyNode) {
        return new ConfigLocation(source, line(keyNode), key);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }
}
