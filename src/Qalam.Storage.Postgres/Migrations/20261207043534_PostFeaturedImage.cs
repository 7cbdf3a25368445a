using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qalam.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PostFeaturedImage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "featured_image_alt",
                table: "posts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "featured_image_height",
                table: "posts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "featured_image_id",
                table: "posts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "featured_image_path",
                table: "posts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "featured_image_srcset",
                table: "posts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "featured_image_width",
                table: "posts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_posts_featured_image_id",
                table: "posts",
                column: "featured_image_id");

            migrationBuilder.AddForeignKey(
                name: "fk_posts_media_files_featured_image_id",
                table: "posts",
                column: "featured_image_id",
                principalTable: "media_files",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_posts_media_files_featured_image_id",
                table: "posts");

            migrationBuilder.DropIndex(
                name: "ix_posts_featured_image_id",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "featured_image_alt",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "featured_image_height",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "featured_image_id",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "featured_image_path",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "featured_image_srcset",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "featured_image_width",
                table: "posts");
        }
    }
}
