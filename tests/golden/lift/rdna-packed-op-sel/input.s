	.text
	.amdgcn_target "amdgcn-amd-amdhsa--gfx1030"
	.globl	scale_pairs
	.p2align	8
	.type	scale_pairs,@function
scale_pairs:
	s_load_dwordx2 s[0:1], s[4:5], 0x0
	v_lshlrev_b32_e32 v1, 2, v0
	s_waitcnt lgkmcnt(0)
	global_load_dword v2, v1, s[0:1]
	s_waitcnt vmcnt(0)
	v_pk_fma_f16 v2, v2, v2, v2 op_sel:[1,0,0] op_sel_hi:[0,1,1]
	global_store_dword v1, v2, s[0:1]
	s_endpgm
	.section	.rodata,#alloc
	.p2align	6
	.amdhsa_kernel scale_pairs
		.amdhsa_kernarg_size 8
		.amdhsa_user_sgpr_count 6
		.amdhsa_user_sgpr_private_segment_buffer 1
		.amdhsa_user_sgpr_kernarg_segment_ptr 1
		.amdhsa_system_sgpr_workgroup_id_x 1
		.amdhsa_system_vgpr_workitem_id 0
	.end_amdhsa_kernel
