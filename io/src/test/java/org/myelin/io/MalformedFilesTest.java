package org.myelin.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each file under {@code malformed/} fails to load with the expected position, field and message. */
class MalformedFilesTest {
    /** file, line, column, field of the first problem, fragments its message must contain. */
    static Stream<Arguments> cases() {
        return Stream.of(
                a("yaml-syntax.yaml", 4, 4, "", "malformed YAML", "expected ',' or '}'", "began at line 3, column 6"),
                a("malformed.json", 4, 36, "", "malformed JSON", "expected ',' or '}'"),
                a("unknown-neuron-model.yaml", 3, 12, "populations.E.model", "unknown neuron model 'iaf_psc_exq'",
                        "did you mean 'iaf_psc_exp'?", "known: iaf_psc_delta, iaf_psc_exp"),
                a("unknown-parameter.yaml", 6, 7, "populations.E.params.tau_mem", "unknown parameter 'tau_mem' of iaf_psc_delta",
                        "did you mean 'tau_m'?", "valid: E_L, C_m, tau_m, t_ref, V_th, V_reset, V_min, I_e, refractory_input"),
                a("negative-time-constant.yaml", 6, 21, "populations.E.params.tau_m", "-20 ms is invalid: must be > 0 ms"),
                a("wrong-unit.yaml", 6, 19, "populations.E.params.tau_syn_ex", "2 mV has the wrong unit",
                        "tau_syn_ex is a time", "units: s, ms, us"),
                a("missing-unit.yaml", 6, 13, "populations.E.params.V_th", "20 has no unit", "V_th is a voltage",
                        "e.g. -65 mV"),
                a("unknown-unit.yaml", 5, 76, "projections.0.delay", "unknown unit 'msec'", "did you mean 'ms'?",
                        "in s, ms, us"),
                a("undefined-population.yaml", 6, 15, "projections.0.to", "unknown population 'Ihn'",
                        "did you mean 'Inh'?", "defined: Exc, Inh"),
                a("duplicate-population.yaml", 4, 3, "populations.E", "duplicate key 'E' (first defined at line 2)"),
                a("missing-model.yaml", 3, 5, "populations.E", "missing 'model'", "known: iaf_psc_delta"),
                a("zero-size.yaml", 2, 35, "populations.E.size", "0 is invalid: must be >= 1"),
                a("bad-value.json", 4, 45, "populations.E.size", "-3 is invalid: must be >= 1"),
                a("delay-below-dt.yaml", 9, 12, "projections.0.delay", "0.05 ms is invalid: must be >= dt = 0.1 ms"),
                a("probability-out-of-range.yaml", 4, 61, "projections.0.connect.p", "1.5 is invalid: must be in [0, 1]"),
                a("unknown-connection-rule.yaml", 4, 32, "projections.0.connect.fixed_indegre",
                        "unknown key 'fixed_indegre'", "did you mean 'fixed_indegree'?", "pairwise_bernoulli"),
                a("unknown-top-level-key.yaml", 2, 1, "duraton", "unknown key 'duraton'", "did you mean 'duration'?"),
                a("reset-above-threshold.yaml", 7, 16, "populations.E.params.V_reset", "must be below V_th = -55.0 mV"),
                a("unknown-state-variable.yaml", 6, 22, "record.state.variables", "unknown state variable 'g_exc' of iaf_cond_exp",
                        "did you mean 'g_ex'?", "valid: V_m, g_ex, g_in, refractory_steps"),
                a("duration-off-grid.yaml", 2, 11, "duration", "10.05 ms is invalid: must be a non-negative multiple of dt = 0.1 ms"),
                a("neuron-index-out-of-range.yaml", 4, 22, "record.spikes.E.2", "100 is invalid: must be in 0..99"),
                a("bad-distribution.yaml", 6, 22, "populations.E.initial.V_m.uniform", "[20 mV, 0 mV] is invalid",
                        "uniform needs min < max"),
                a("fractional-refractory-steps.yaml", 6, 25, "populations.E.initial.refractory_steps",
                        "2.5 is invalid: refractory_steps counts steps, so it must be a whole number from 0"),
                a("unknown-distribution.yaml", 6, 13, "populations.E.initial.V_m.gaussian", "unknown key 'gaussian'",
                        "valid: uniform, normal, lognormal, exponential, clip"),
                a("indegree-too-large.yaml", 7, 31, "projections.0.connect.fixed_indegree",
                        "30 is invalid: indegree onto 'E' must be <= 25", "without multapses"),
                a("wrong-weight-unit.yaml", 4, 51, "projections.0.weight", "0.1 mV has the wrong unit",
                        "the weight onto 'E' (iaf_psc_exp) is a current"),
                a("unknown-stimulus.yaml", 4, 13, "stimuli.0.model", "unknown stimulus model 'poisson_generatr'",
                        "did you mean 'poisson_generator'?", "spike_generator"),
                a("tsodyks-bad-parameter.yaml", 7, 51, "projections.0.synapse.params.U", "1.5 is invalid: must be in [0, 1]"),
                a("unknown-receptor.yaml", 4, 67, "projections.0.receptor", "unknown receptor 'exc' of iaf_cond_alpha",
                        "did you mean 'ex'?", "valid: auto (by the weight's sign), ex, in"),
                a("spike-times-off-grid.yaml", 3, 69, "populations.G.params.spike_times.1",
                        "2.05 ms is invalid: must be a positive multiple of dt = 0.1 ms"),
                a("several-errors.yaml", 3, 56, "populations.E.params.tau_m", "0 ms is invalid: must be > 0 ms",
                        "several-errors.yaml:4:14: populations.I.model: unknown neuron model 'iaf_psc_delt'",
                        "several-errors.yaml:6:19: projections.0.to: unknown population 'X'",
                        "several-errors.yaml:8:47: stimuli.0.params.amplitude: 5 mV has the wrong unit"),
                a("vt-unknown-population.yaml", 6, 80, "projections.0.synapse.volume_transmitter.population",
                        "unknown population 'DAA'", "did you mean 'DA'?", "defined: DA, E"),
                a("vt-missing.yaml", 5, 66, "projections.0.synapse", "missing 'volume_transmitter'",
                        "test_modulated_synapse is modulated by the spikes of a population",
                        "volume_transmitter: {population: DA, delay: 1 ms}"),
                a("vt-not-taken.yaml", 6, 48, "projections.0.synapse.volume_transmitter",
                        "test_depressing_synapse takes no volume transmitter; models that do: test_modulated_synapse"),
                a("vt-delay-off-grid.yaml", 6, 91, "projections.0.synapse.volume_transmitter.delay",
                        "value 0.05 ms is invalid; valid: a multiple of dt = 0.1 ms in [0, 6553.5] ms"),
                a("vt-interval-negative.yaml", 6, 94, "projections.0.synapse.volume_transmitter.interval",
                        "value -1.0 ms is invalid; valid: 0 (every exchange interval) or a positive multiple of dt = 0.1 ms"),
                a("vt-missing-unit.yaml", 6, 91, "projections.0.synapse.volume_transmitter.delay", "1 has no unit",
                        "delay is a time"),
                a("vt-unknown-key.yaml", 6, 84, "projections.0.synapse.volume_transmitter.dealy", "unknown key 'dealy'",
                        "did you mean 'delay'?", "valid: population, sources, delay, interval"),
                a("vt-missing-population.yaml", 6, 67, "projections.0.synapse.volume_transmitter", "missing 'population'",
                        "e.g. {population: DA, delay: 1 ms}", "or 'sources'"),
                a("vt-first-source-weight.yaml", 6, 82, "projections.0.synapse.volume_transmitter.sources.DA",
                        "2 is invalid: the first source's weight must be 1"));
    }

    private static Arguments a(String file, int line, int column, String field, String... fragments) {
        return Arguments.of(file, line, column, field, List.of(fragments));
    }

    static Path dir() throws URISyntaxException {
        return Path.of(MalformedFilesTest.class.getResource("/malformed").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithPositionFieldAndMessage(String file, int line, int column, String field, List<String> fragments)
            throws Exception {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(dir().resolve(file)));
        assertEquals(file, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        String first = e.getMessage().split("\n")[0];
        String prefix = file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ");
        assertTrue(first.startsWith(prefix), first);
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' missing from:\n" + e.getMessage());
    }

    @Test
    void severalErrorsAreReportedTogetherInFileOrder() throws Exception {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFile.load(dir().resolve("several-errors.yaml")));
        assertEquals(4, e.problems().size(), e.getMessage());
        List<Integer> lines = e.problems().stream().map(ModelFileException.Problem::line).collect(Collectors.toList());
        assertEquals(List.of(3, 4, 6, 8), lines);
    }

    @Test
    void everyMalformedFileHasAnExpectation() throws IOException, URISyntaxException {
        Set<String> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = cases().map(x -> (String) x.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, files);
        assertTrue(files.size() >= 15);
    }
}
