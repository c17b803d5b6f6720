import { StyleSheet, Text, View } from 'react-native';
import { STEPS, type OrderPresentation } from '../logic/orderStatus';
import { colors } from './theme';

export function StatusHeadline({ presentation, testID }: { presentation: OrderPresentation; testID?: string }) {
  return (
    <Text testID={testID} style={[styles.headline, { color: colors.tone[presentation.tone] }]}>
      {presentation.headline}
    </Text>
  );
}

/** Four dots and labels, filled up to the step reached. */
export function StatusSteps({ presentation }: { presentation: OrderPresentation }) {
  const colour = colors.tone[presentation.tone];
  return (
    <View style={styles.steps} accessibilityLabel={`${presentation.reached} of ${STEPS.length} steps`}>
      {STEPS.map((step, index) => (
        <View key={step} style={styles.step}>
          <View style={[styles.dot, { borderColor: colour }, index < presentation.reached && { backgroundColor: colour }]} />
          <Text style={styles.stepLabel}>{step}</Text>
        </View>
      ))}
    </View>
  );
}

const styles = StyleSheet.create({
  headline: { fontSize: 20, fontWeight: '700' },
  steps: { flexDirection: 'row', justifyContent: 'space-between', marginTop: 12 },
  step: { alignItems: 'center', flex: 1 },
  dot: { width: 14, height: 14, borderRadius: 7, borderWidth: 2, marginBottom: 4 },
  stepLabel: { fontSize: 12, color: colors.muted },
});
