// Stylesheets are not loaded in jsdom; class names are asserted instead.
module.exports = {};
