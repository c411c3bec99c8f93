package io.hypernf.nf.firewall;

import java.util.List;

/** The reference the classifier must agree with: try every rule in order, first match wins. */
final class LinearClassifier {
    private final Rule[] rules;

    LinearClassifier(List<Rule> rules) {
        this.rules = rules.toArray(new Rule[0]);
    }

    int classify(PacketFields packet) {
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].matches(packet)) {
                return i;
            }
        }
        return RuleClassifier.NO_MATCH;
    }
}
