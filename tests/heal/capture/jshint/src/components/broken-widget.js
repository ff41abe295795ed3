var widget = {
  name: 'broken',
  init: function () {
    return this.name;
  }
  render: function () {
    return '<div>' + this.name + '</div>';
  }
};

module.exports = widget;
