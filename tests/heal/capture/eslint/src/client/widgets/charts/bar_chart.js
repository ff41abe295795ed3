export function render_bar_chart(canvas, data, options) {
  const ctx = canvas.getContext('2d');
  const max_value = Math.max(...data.map(d => d.value));
  const barWidth = canvas.width / data.length - 4;
  data.forEach((d, i) => {
    const h = (d.value / max_value) * (canvas.height - 20);
    ctx.fillStyle = d.highlight ? '#e4572e' : '#17bebb';
    ctx.fillRect(i * (barWidth + 4), canvas.height - h, barWidth, h);
  });
  return ctx;
}

export function onClick() {
  const target = event.target;
  if (target.dataset.index) {
    return Number(target.dataset.index);
  }
  else {
    return -1;
  }
}

export const defaults = {
  color: '#17bebb',
  gap: 4,
  labelFont: '12px "Inter", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
};
