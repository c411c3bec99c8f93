package io.hypernf.nf.firewall;

import io.hypernf.sdk.nf.ConfigLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where one inline rule ({@code rules: [...]} in the NF's settings) was written, so that its
 * error names the rule's own line rather than the {@code rules:} line. The settings the firewall
 * is handed keep a location per key but not per list item, so this reads the config file again
 * and follows the key path ({@code nfs[0].settings.rules}) to the item's node. When the source is
 * not a YAML file (the command line) or no longer has that path, the {@code rules:} line is the
 * best there is.
 */
final class InlineRuleLocations {
    /** One key path step: a map key, then any number of {@code [index]}. */
    private static final Pattern STEP = Pattern.compile("([^\\[\\]]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private InlineRuleLocations() {}

    /** The location of item {@code index} of the list written at {@code rulesAt}. */
    static ConfigLocation of(ConfigLocation rulesAt, int index) {
        String key = rulesAt.key() + "[" + index + "]";
        int line = itemLine(rulesAt, index).orElse(rulesAt.line());
        return new ConfigLocation(rulesAt.source(), line, key);
    }

    private static Optional<Integer> itemLine(ConfigLocation rulesAt, int index) {
        Optional<Node> root;
        try {
            Path file = Path.of(rulesAt.source());
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            root = new Compose(LoadSettings.builder().setLabel(rulesAt.source()).build()).composeString(text);
        } catch (InvalidPathException | IOException | YamlEngineException e) {
            return Optional.empty();
        }
        Node node = root.orElse(null);
        for (String step : rulesAt.key().split("\\.")) {
            Matcher m = STEP.matcher(step);
            if (node == null || !m.matches()) {
                return Optional.empty();
            }
            node = entry(node, m.group(1));
            Matcher indexes = INDEX.matcher(m.group(2));
            while (node != null && indexes.find()) {
                node = item(node, Integer.parseInt(indexes.group(1)));
            }
        }
        Node rule = node == null ? null : item(node, index);
        return rule == null ? Optional.empty() : rule.getStartMark().map(Mark::getLine).map(l -> l + 1);
    }

    private static Node entry(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static Node item(Node node, int index) {
        return node instanceof SequenceNode list && index < list.getValue().size() ? list.getValue().get(index) : null;
    }
}
