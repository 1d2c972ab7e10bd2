import type { StorybookConfig } from '@storybook/react-vite';

// Stories of the editor (card views, inspector, lint panel, versions), the inbox and the widget.
const config: StorybookConfig = {
  stories: ['../{editor,runtime}/**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(config) {
    // The app build's page inputs (editor, inbox) are not Storybook's: let Storybook pick its own entry.
    if (config.build?.rollupOptions) delete config.build.rollupOptions.input;
    return config;
  },
};
export default config;
