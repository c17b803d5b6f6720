import { useState } from 'react';
import { KeyboardAvoidingView, Platform, StyleSheet, Text, TextInput, View } from 'react-native';
import { describeError } from '@supergraph/client-core';
import { useSession } from '../session/SessionProvider';
import { Button } from '../ui/Button';
import { colors, common } from '../ui/theme';

export function LoginScreen() {
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (caught) {
      setError(describeError(caught).message);
      setBusy(false);
    }
  };

  return (
    <KeyboardAvoidingView style={[common.screen, styles.center]} behavior={Platform.OS === 'ios' ? 'padding' : undefined}>
      <View style={styles.form}>
        <Text style={styles.brand}>Supergraph Shop</Text>
        <Text style={[common.muted, styles.hint]}>Sign in to shop and follow your orders.</Text>
        <TextInput testID="login-email" style={common.input} placeholder="Email" autoCapitalize="none" autoComplete="email" keyboardType="email-address" value={email} onChangeText={setEmail} />
        <TextInput
          testID="login-password"
          style={common.input}
          placeholder="Password"
          secureTextEntry
          autoComplete="password"
          value={password}
          onChangeText={setPassword}
          onSubmitEditing={() => void submit()}
        />
        {error && (
          <Text testID="login-error" style={[common.error, styles.error]}>
            {error}
          </Text>
        )}
        <Button testID="login-submit" title="Sign in" onPress={() => void submit()} busy={busy} disabled={!email || !password} />
      </View>
    </KeyboardAvoidingView>
  );
}

const styles = StyleSheet.create({
  center: { justifyContent: 'center' },
  form: { paddingHorizontal: 24 },
  brand: { fontSize: 30, fontWeight: '800', color: colors.text, marginBottom: 4 },
  hint: { marginBottom: 24 },
  error: { paddingHorizontal: 0 },
});
