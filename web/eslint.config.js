import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default defineConfigWithVueTs(
  { ignores: ['node_modules/**', 'dist/**', 'src/api/schema.d.ts', '../src/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommendedTypeChecked,
  {
    rules: {
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      // useI18n() and the like return functions meant to be destructured: `const { t, te } = useI18n()`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['*.js', 'scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
)
