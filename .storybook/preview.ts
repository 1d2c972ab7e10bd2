import type { Preview } from '@storybook/react-vite';

// Each area imports its own styles in its stories (the editor's design system, the inbox's, the widget's).
const preview: Preview = {
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
  },
};
export default preview;
