// cartlift's blocks in the block editor: each previews its element through the server's own
// render (the same HTML the storefront gets), and the product and limit are set in the
// sidebar. Plain script, no build step: WordPress's own packages from `window.wp`.
( function ( wp ) {
	'use strict';
	if ( ! wp || ! wp.blocks || ! wp.element ) {
		return;
	}
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var fields = {
		'cartlift/shipping-bar': [],
		'cartlift/bundles': [ 'product' ],
		'cartlift/tiers': [ 'product' ],
		'cartlift/upsell': [],
		'cartlift/recommendations': [ 'product', 'limit' ],
	};
	var labels = {
		product: __( 'Product id (empty: the product of the page)', 'cartlift' ),
		limit: __( 'How many products at most', 'cartlift' ),
	};
	Object.keys( fields ).forEach( function ( name ) {
		wp.blocks.registerBlockType( name, {
			edit: function ( props ) {
				var controls = fields[ name ].map( function ( field ) {
					return el( wp.components.TextControl, {
						key: field,
						label: labels[ field ],
						value: props.attributes[ field ] || '',
						onChange: function ( value ) {
							var next = {};
							next[ field ] = value;
							props.setAttributes( next );
						},
					} );
				} );
				return el(
					'div',
					wp.blockEditor.useBlockProps(),
					controls.length
						? el( wp.blockEditor.InspectorControls, null, el( wp.components.PanelBody, { title: __( 'cartlift', 'cartlift' ) }, controls ) )
						: null,
					el( wp.serverSideRender, { block: name, attributes: props.attributes } )
				);
			},
			save: function () {
				return null;
			},
		} );
	} );
} )( window.wp );
