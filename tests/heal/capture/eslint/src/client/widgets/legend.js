export function legend(items) {
  let html = '';
  for (let i = 0; i < items.length; i++)
    html += '<li>' + items[i].label + '</li>';
  return '<ul>' + html + '</ul>';
}

export function filterLegend(items, query) {
  return items.filter(function (item) {
    if (item.label.indexOf(query) === -1) {
      return false;
    } else if (item.hidden) {
      return false;
    } else if (item.disabled && query) {
      return false;
    }
    return true;
  });
}

export function toggle(item) {
  item.hidden = !item.hidden;
  return item;
}

export function broken(a, b {
  return a + b;
}
