import type { AriaLabelConfig } from '@xyflow/react';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18n.tsx';

/**
 * React Flow's own labels and screen-reader help (controls, minimap, the keyboard help of cards and connections)
 * in the page's language: its defaults are English.
 */
export function useFlowLabels(): Partial<AriaLabelConfig> {
  const { t } = useI18n();
  return useMemo(
    () => ({
      'node.a11yDescription.default': t('flow.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('flow.nodeHelpKeys'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
        t('flow.nodeMoved', {
          direction: ['up', 'down', 'left', 'right'].includes(direction)
            ? t(`flow.${direction as 'up' | 'down' | 'left' | 'right'}`)
            : direction,
          x,
          y,
        }),
      'edge.a11yDescription.default': t('flow.edgeHelp'),
      'controls.ariaLabel': t('flow.controls'),
      'controls.zoomIn.ariaLabel': t('flow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('flow.zoomOut'),
      'controls.fitView.ariaLabel': t('flow.fitView'),
      'controls.interactive.ariaLabel': t('flow.interactive'),
      'minimap.ariaLabel': t('flow.minimap'),
      'handle.ariaLabel': t('flow.handle'),
    }),
    [t],
  );
}
