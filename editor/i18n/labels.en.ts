/** English names of controls that only assistive technology reads (spread into en.ts), and key names. */
export const labelsEn = {
  'flow.nodeHelp': 'Press Enter or Space to select a card. Press Delete to remove it and Escape to cancel.',
  'flow.nodeHelpKeys':
    'Press Enter or Space to select a card. Then move it with the arrow keys. Press Delete to remove it and Escape to cancel.',
  'flow.nodeMoved': 'Moved the selected card {direction}. New position x {x}, y {y}.',
  'flow.up': 'up',
  'flow.down': 'down',
  'flow.left': 'left',
  'flow.right': 'right',
  'flow.edgeHelp': 'Press Enter or Space to select a connection. Then press Delete to remove it or Escape to cancel.',
  'flow.controls': 'Zoom',
  'flow.zoomIn': 'Zoom in',
  'flow.zoomOut': 'Zoom out',
  'flow.fitView': 'Fit view',
  'flow.interactive': 'Lock or unlock the canvas',
  'flow.minimap': 'Minimap: click to move the view',
  'flow.handle': 'Port',
  'list.actions': 'Actions',
  'versions.colleague': 'A colleague',
  'condition.operator': 'Comparison',
  'shortcuts.keys.multi': 'Shift / Ctrl click',
  'shortcuts.keys.box': 'Shift drag',
} as const;
