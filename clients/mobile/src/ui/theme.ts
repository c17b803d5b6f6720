import { StyleSheet } from 'react-native';
import type { Tone } from '../logic/orderStatus';

export const colors = {
  background: '#f6f5f2',
  card: '#ffffff',
  text: '#1d1d1f',
  muted: '#6b6b70',
  accent: '#0a6cff',
  border: '#e2e0db',
  tone: { waiting: '#b7791f', moving: '#0a6cff', done: '#1f8f4e', problem: '#c62828' } satisfies Record<Tone, string>,
};

export const common = StyleSheet.create({
  screen: { flex: 1, backgroundColor: colors.background },
  title: { fontSize: 24, fontWeight: '700', color: colors.text, paddingHorizontal: 16, paddingTop: 16, paddingBottom: 8 },
  card: { backgroundColor: colors.card, borderRadius: 12, padding: 14, marginHorizontal: 16, marginVertical: 6, borderWidth: StyleSheet.hairlineWidth, borderColor: colors.border },
  row: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between' },
  body: { fontSize: 16, color: colors.text },
  muted: { fontSize: 14, color: colors.muted },
  error: { fontSize: 14, color: colors.tone.problem, paddingHorizontal: 16, paddingVertical: 8 },
  input: { backgroundColor: colors.card, borderWidth: 1, borderColor: colors.border, borderRadius: 10, paddingHorizontal: 12, paddingVertical: 12, fontSize: 16, marginBottom: 12 },
});
